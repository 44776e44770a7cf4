// The upload procedure's store, as the Bearer API uses it: files on disk, their metadata in the database.
import "server-only";

export {
  auditFileDownload,
  findStoredFile,
  incomingDir,
  maxUploadBytes,
  prepareFileStorage,
  storeUpload,
  storedFilePath,
  type FileOwner,
  type StoredFileView,
} from "./files";
export { attachmentDisposition } from "./name";
export { openStoredFile, sendFileContent } from "./send";
export { receiveUpload, UPLOAD_FIELD, UploadError, type ReceivedUpload } from "./upload";
