// Module zips exactly as Go 1.23 checks, extracts and builds them (golang.org/x/mod/zip and
// cmd/go/internal/modfetch). The rules live in modzip/; this file only re-exports.
export {
  checkedFilesErr,
  checkFiles,
  checkZip,
  FileError,
  FileErrorList,
  goLimits,
  isVendoredPackage,
  MaxGoMod,
  MaxLICENSE,
  MaxZipFile,
  ZipSizeError,
  type CheckedFiles,
  type CheckZipResult,
  type ModuleFile,
  type ZipLimits,
} from './modzip/check';
export { createModuleZip, createModuleZipFromDir, listFilesInDir, proxyTestZip, type ListedFiles } from './modzip/create';
export { strToFold } from './modzip/fold';
export { isDirEntry, readEntry, readZip, ZipReadError, type ZipArchive, type ZipEntry } from './modzip/reader';
export {
  checkDownloadedZip,
  readZipForHash,
  unzipModule,
  ZipError,
  type ModuleZipFile,
  type UnzipOptions,
  type ZipHashFile,
} from './modzip/unzip';
export { crc32, writeZip, type RawZipEntry, type WriteZipOptions } from './modzip/writer';
