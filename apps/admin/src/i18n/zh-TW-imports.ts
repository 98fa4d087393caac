/** The import wizard's texts (members, products and purchases). */
export const zhTWImports = {
  imports: {
    kindLabel: '匯入項目',
    kinds: { members: '會員', products: '商品', purchases: '消費紀錄' },
    kindHelp: {
      members:
        'Excel、CSV 或手機通訊錄（vCard）。以手機、電子郵件、會員卡號或外部編號找出既有會員並更新。',
      products:
        'Excel 或 CSV，含貨號、品名、售價、分類（如 鍋底/麻辣）與標籤。已有的貨號會更新該商品；沒有的分類會自動建立。',
      purchases:
        'Excel 或 CSV，每列一個品項：訂單編號、會員手機／會員卡號／會員編號、日期、門市、貨號、數量、單價或金額。同一訂單編號的各列為一筆消費；已匯入的訂單不會重複新增。數量以訂單計。',
    },
    mappingHelpOf: {
      products: '每一欄會填入所選的商品欄位；未選擇的欄位會被忽略。必須有貨號欄。',
      purchases:
        '每一欄會填入所選的消費欄位；未選擇的欄位會被忽略。必須有：訂單編號、會員欄、日期、貨號或品名、單價或金額。',
    },
    description:
      'Excel（.xlsx）、CSV（UTF-8、Big5 或 GBK）或手機通訊錄（vCard）。同一份檔案再次匯入只會更新會員，不會重複建立。',
    template: { xlsx: 'Excel 範本', csv: 'CSV 範本' },
    drop: '點選或拖曳檔案到這裡',
    dropHint: '開始匯入前不會儲存任何資料；建議先試算一次。',
    history: '匯入記錄',
    none: '還沒有匯入記錄。',
    time: '上傳時間',
    file: '檔案',
    result: '結果',
    statuses: {
      uploaded: '尚未開始',
      queued: '等待中',
      running: '匯入中',
      done: '完成',
      failed: '失敗',
    },
    dryRunTag: '試算',
    counts:
      '新增 {{created}}、更新 {{updated}}、未變更 {{unchanged}}、拒絕 {{rejected}}、略過 {{skipped}}',
    runTitle: '匯入 {{file}}',
    mappingHelp: '檔案的每一欄會填入所選的會員欄位；未選擇的欄位會被忽略。建議的對應來自欄位名稱。',
    column: '欄位',
    sample: '前幾筆內容',
    field: '會員欄位',
    ignore: '忽略',
    consentField: '同意：{{channel}}',
    matchBy: '以此比對既有會員',
    matchByOptions: { phone: '手機', email: '電子郵件', card: '卡號', external_id: '外部編號' },
    dryRun: '試算',
    start: '開始匯入',
    dryRunNote: '試算：這是匯入後會發生的結果，尚未儲存任何資料。',
    countLabels: {
      created: '新增',
      updated: '更新',
      unchanged: '未變更',
      rejected: '拒絕',
      skipped: '略過',
    },
    rejects: '被拒絕的資料列',
    rejectsCsv: '下載 CSV',
    row: '列',
    value: '內容',
    reason: '原因與處理方式',
  },
};
