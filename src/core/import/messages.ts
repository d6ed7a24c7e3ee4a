import type { MessageBundle } from '../i18n/catalogue.ts';

const zh = {
  'import.unsupported_format': '无法读取“{name}”：请上传 .xlsx 或 .csv 文件',
  'import.unreadable_file': '文件无法读取，可能已损坏或不是 .xlsx 文件（{reason}）',
  'import.no_header': '在前 {rows} 行中找不到表头：请保留“姓名”“身份证号”等列标题',
  'import.missing_columns': '表格缺少必需的列：{columns}',
  'import.missing_column': '缺少这一列',
  'import.rejected_sheet': '未导入的行',
  'import.column.row': '行号',
  'import.column.reason': '未导入原因',
  'import.duplicate_in_file': '与本文件第 {row} 行重复',
  'import.file_not_found': '找不到要导入的文件',
} as const;

const en: Record<keyof typeof zh, string> = {
  'import.unsupported_format': 'Cannot read “{name}”: upload an .xlsx or .csv file',
  'import.unreadable_file': 'The file cannot be read; it may be damaged or not an .xlsx file ({reason})',
  'import.no_header': 'No header row in the first {rows} rows: keep column titles such as “Name” and “ID number”',
  'import.missing_columns': 'The sheet lacks required columns: {columns}',
  'import.missing_column': 'This column is missing',
  'import.rejected_sheet': 'Rows not imported',
  'import.column.row': 'Row',
  'import.column.reason': 'Why not imported',
  'import.duplicate_in_file': 'Repeats row {row} of this file',
  'import.file_not_found': 'The file to import cannot be found',
};

export const importMessages: MessageBundle = { 'zh-CN': zh, en };
