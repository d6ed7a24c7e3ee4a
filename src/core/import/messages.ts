import type { MessageBundle } from '../i18n/catalogue.ts';

const zh = {
  'import.unsupported_format': '无法读取“{name}”：请上传 .xlsx 或 .csv 文件',
  'import.xlsx_damaged': '文件不是完整的 .xlsx 工作簿：已损坏、不完整（例如下载或复制时中断），或只是把别的文件改了扩展名。请用 Excel 或 WPS 打开原表格，另存为 .xlsx 后再导入',
  'import.xlsx_unreadable': '.xlsx 工作簿的内容无法读取（可能由不兼容的程序生成）。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入',
  'import.csv_unclosed_quote': '第 {row} 行有一个引号（"）没有配对，从那里到文件末尾都会被当作一个单元格。请检查该行，或用 Excel 或 WPS 另存为 .csv 后再导入',
  'import.csv_unreadable': '从第 {row} 行起无法按 CSV 格式读取。请用 Excel 或 WPS 另存为 .csv 后再导入',
  'import.no_header': '在前 {rows} 行中找不到表头：请保留“姓名”“身份证号”等列标题',
  'import.missing_columns': '表格缺少必需的列：{columns}',
  'import.missing_column': '缺少这一列',
  'import.rejected_sheet': '未导入的行',
  'import.column.row': '行号',
  'import.column.reason': '未导入原因',
  'import.duplicate_in_file': '与本文件第 {row} 行重复',
  'import.file_not_found': '找不到要导入的文件',
  'import.invalid_mapping': '手动对应的列无法识别：每一项应为字段名和文件中的列标题',
} as const;

const en: Record<keyof typeof zh, string> = {
  'import.unsupported_format': 'Cannot read “{name}”: upload an .xlsx or .csv file',
  'import.xlsx_damaged': 'The file is not a whole .xlsx workbook: it is damaged, cut short (a download or copy that stopped), or another kind of file renamed. Open the original in Excel or WPS, save it as .xlsx, and import that',
  'import.xlsx_unreadable': 'The content of the .xlsx workbook cannot be read (perhaps it was made by an incompatible program). Open it in Excel or WPS, save it as .xlsx again, and import that',
  'import.csv_unclosed_quote': 'A quotation mark (") in row {row} is never closed, so everything from there to the end of the file would be one cell. Check that row, or save the sheet as .csv again from Excel or WPS',
  'import.csv_unreadable': 'From row {row} on the file cannot be read as CSV. Save it as .csv again from Excel or WPS, and import that',
  'import.no_header': 'No header row in the first {rows} rows: keep column titles such as “Name” and “ID number”',
  'import.missing_columns': 'The sheet lacks required columns: {columns}',
  'import.missing_column': 'This column is missing',
  'import.rejected_sheet': 'Rows not imported',
  'import.column.row': 'Row',
  'import.column.reason': 'Why not imported',
  'import.duplicate_in_file': 'Repeats row {row} of this file',
  'import.file_not_found': 'The file to import cannot be found',
  'import.invalid_mapping': 'The columns mapped by hand cannot be read: each must be a field and a column title of the file',
};

export const importMessages: MessageBundle = { 'zh-CN': zh, en };
