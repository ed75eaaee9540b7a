export { APP_FOLDER, dataPaths, defaultDataDir } from './data-dir';
