export { fontFile } from './font-file';
export { printable, printableDeep } from './printable';
