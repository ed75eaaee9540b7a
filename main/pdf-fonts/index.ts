export { fontFile } from './font-file';
export { printable, printableDeep } from './printable';
export { a4Document } from './a4-document';
