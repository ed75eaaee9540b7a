export { catalogHandlers, type CatalogDeps, type CatalogMethod } from './handlers';
export { listProducts, saveProduct } from './products';
export { listBranches } from './branches';
