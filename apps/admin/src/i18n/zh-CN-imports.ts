/** The import wizard's texts (members, products and purchases). */
export const zhCNImports = {
  imports: {
    kindLabel: '导入项目',
    kinds: { members: '会员', products: '商品', purchases: '消费记录' },
    kindHelp: {
      members:
        'Excel、CSV 或手机通讯录（vCard）。按手机、电子邮件、会员卡号或外部编号找到已有会员并更新。',
      products:
        'Excel 或 CSV，含货号、品名、售价、分类（如 锅底/麻辣）和标签。已有的货号会更新该商品；没有的分类会自动创建。',
      purchases:
        'Excel 或 CSV，每行一个品项：订单编号、会员手机／会员卡号／会员编号、日期、门店、货号、数量、单价或金额。同一订单编号的各行为一笔消费；已导入的订单不会重复新增。数量按订单计。',
    },
    mappingHelpOf: {
      products: '每一列会填入所选的商品字段；未选择的列会被忽略。必须有货号列。',
      purchases:
        '每一列会填入所选的消费字段；未选择的列会被忽略。必须有：订单编号、会员列、日期、货号或品名、单价或金额。',
    },
    description:
      'Excel（.xlsx）、CSV（UTF-8、Big5 或 GBK）或手机通讯录（vCard）。同一份文件再次导入只会更新会员，不会重复创建。',
    template: { xlsx: 'Excel 模板', csv: 'CSV 模板' },
    drop: '点击或拖拽文件到这里',
    dropHint: '开始导入前不会保存任何数据；建议先试算一次。',
    history: '导入记录',
    none: '还没有导入记录。',
    time: '上传时间',
    file: '文件',
    result: '结果',
    statuses: {
      uploaded: '尚未开始',
      queued: '等待中',
      running: '导入中',
      done: '完成',
      failed: '失败',
    },
    dryRunTag: '试算',
    counts:
      '新增 {{created}}、更新 {{updated}}、未变更 {{unchanged}}、拒绝 {{rejected}}、跳过 {{skipped}}',
    runTitle: '导入 {{file}}',
    mappingHelp: '文件的每一列会填入所选的会员字段；未选择的列会被忽略。建议的对应来自列名。',
    column: '列',
    sample: '前几条内容',
    field: '会员字段',
    ignore: '忽略',
    consentField: '同意：{{channel}}',
    matchBy: '以此匹配已有会员',
    matchByOptions: { phone: '手机', email: '电子邮件', card: '卡号', external_id: '外部编号' },
    dryRun: '试算',
    start: '开始导入',
    dryRunNote: '试算：这是导入后会发生的结果，尚未保存任何数据。',
    countLabels: {
      created: '新增',
      updated: '更新',
      unchanged: '未变更',
      rejected: '拒绝',
      skipped: '跳过',
    },
    rejects: '被拒绝的数据行',
    rejectsCsv: '下载 CSV',
    row: '行',
    value: '内容',
    reason: '原因与处理方式',
  },
};
