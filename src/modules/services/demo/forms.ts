// The demo's blank forms and filled samples (空白表格, 示例样表): small Excel workbooks laid out as the form, the
// sample filled in with fictitious values and marked 样表.
import ExcelJS from 'exceljs';

const FIELDS = [
  '申请人（单位名称）',
  '统一社会信用代码或身份证号码',
  '联系人',
  '联系电话',
  '通讯地址',
  '申请事项',
  '申请说明',
  '申请日期',
];
const SAMPLE = [
  '南江云帆信息科技有限公司',
  '91329900MA0000000X',
  '张三',
  '0599-8888XXXX',
  '南江市金湖大道100号',
  '',
  '（按实际情况填写）',
  '2026年X月X日',
];

export async function formWorkbook(formName: string, itemName: string, sample: boolean): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '南江市政务服务管理办公室';
  const sheet = book.addWorksheet(sample ? '示例样表' : '申请表');
  sheet.columns = [{ width: 30 }, { width: 50 }];
  sheet.mergeCells('A1:B1');
  sheet.getCell('A1').value = sample ? `${formName}（示例样表）` : formName;
  sheet.getCell('A1').font = { bold: true, size: 16 };
  sheet.getCell('A1').alignment = { horizontal: 'center' };
  FIELDS.forEach((field, i) => {
    const row = sheet.getRow(i + 3);
    row.getCell(1).value = field;
    row.getCell(2).value = sample ? (i === 5 ? itemName : SAMPLE[i]) : '';
    row.getCell(1).font = { bold: true };
    for (const c of [1, 2])
      row.getCell(c).border = {
        top: { style: 'thin' },
        left: { style: 'thin' },
        bottom: { style: 'thin' },
        right: { style: 'thin' },
      };
  });
  const foot = sheet.getRow(FIELDS.length + 4);
  foot.getCell(1).value = '申请人签字（盖章）：';
  foot.getCell(2).value = sample ? '张三（盖章）' : '';
  sheet.getRow(FIELDS.length + 6).getCell(1).value =
    '本表由南江市政务服务管理办公室制，可在南江市政务服务管理办公室网站“办事服务”栏目下载。';
  return Buffer.from(await book.xlsx.writeBuffer());
}
