// Export of the 信息发布审查登记 register: an Excel workbook (register-xlsx.ts) and a PDF laid out like 附件3
// (register-pdf.ts).
export { FORM_NOTES, FORM_TITLE, SHEET_NAME } from './register-form.ts';
export { registerPdf } from './register-pdf.ts';
export { registerXlsx } from './register-xlsx.ts';
