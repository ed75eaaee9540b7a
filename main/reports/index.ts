export { runReport, type MetricAsk, type RunOptions } from './run';
export { renderReport, baseName, MIME, type RenderedFile } from './render';
export { ReportHistory } from './history';
export { createReports, type ReportsDeps, type ReportsService } from './handlers';
export { openReportBucket, s3Client, s3Error, reportKey, type ReportBucket } from './s3-store';
export { publishReport } from './publish';
export { bankNameOf } from './bank-name';
