/** The import wizard's texts (members, products and purchases). */
export const enImports = {
  imports: {
    kindLabel: 'Import',
    kinds: { members: 'Members', products: 'Products', purchases: 'Purchases' },
    kindHelp: {
      members:
        'Excel, CSV or phone contacts (vCard). Existing members are found by mobile, email, card number or external ID and updated.',
      products:
        'Excel or CSV with SKU, name, price, category (e.g. Sauces/Spicy) and tags. A known SKU updates its product; missing categories are created.',
      purchases:
        'Excel or CSV, one row per line: order no, the member’s mobile, card number or member ID, date, store, SKU, quantity, unit price or amount. Rows with the same order no are one purchase; an order already imported is not added again. Counts are of purchases.',
    },
    mappingHelpOf: {
      products:
        'Each column fills the product field chosen for it; columns left empty are ignored. A column with the SKU is needed.',
      purchases:
        'Each column fills the purchase field chosen for it; columns left empty are ignored. Needed: order no, a member column, date, SKU or product name, and unit price or amount.',
    },
    description:
      'Excel (.xlsx), CSV (UTF-8, Big5 or GBK) or phone contacts (vCard). Importing the same sheet again updates members, never duplicates them.',
    template: { xlsx: 'Excel template', csv: 'CSV template' },
    drop: 'Click or drop a file here',
    dropHint: 'Nothing is saved until you start the import; try a dry run first.',
    history: 'Earlier imports',
    none: 'No imports yet.',
    time: 'Uploaded',
    file: 'File',
    result: 'Result',
    statuses: {
      uploaded: 'Not started',
      queued: 'Waiting',
      running: 'Running',
      done: 'Done',
      failed: 'Failed',
    },
    dryRunTag: 'Dry run',
    counts:
      '{{created}} added, {{updated}} updated, {{unchanged}} unchanged, {{rejected}} rejected, {{skipped}} skipped',
    runTitle: 'Import of {{file}}',
    mappingHelp:
      'Each column of the sheet fills the member field chosen for it; columns left empty are ignored. The suggestions come from the column names.',
    column: 'Column',
    sample: 'First values',
    field: 'Member field',
    ignore: 'Ignore',
    consentField: 'Consent: {{channel}}',
    matchBy: 'Find existing members by',
    matchByOptions: {
      phone: 'Mobile phone',
      email: 'Email',
      card: 'Card number',
      external_id: 'External ID',
    },
    dryRun: 'Dry run',
    start: 'Import',
    dryRunNote: 'Dry run: this is what the import would do. Nothing was saved.',
    countLabels: {
      created: 'Added',
      updated: 'Updated',
      unchanged: 'Unchanged',
      rejected: 'Rejected',
      skipped: 'Skipped',
    },
    rejects: 'Rejected rows',
    rejectsCsv: 'Download as CSV',
    row: 'Row',
    value: 'Value',
    reason: 'Why, and what to do',
  },
};
