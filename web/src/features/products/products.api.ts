import { api, upload, type ListPage } from '../../api/client';

export type ProductStatus = 'active' | 'discontinued' | 'draft';

export interface Category {
  id: string;
  version: number;
  name: string;
  nameEn: string | null;
  parentId: string | null;
  path: string;
  depth: number;
  sortOrder: number;
  productCount: number;
}

export interface ProductImage {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
}

export interface Product {
  id: string;
  version: number;
  sku: string;
  name: string;
  nameEn: string | null;
  categoryId: string | null;
  categoryName: string | null;
  unit: string;
  listPrice: string;
  /** null when the caller's role does not see costs. */
  cost: string | null;
  currency: string;
  taxRate: string;
  status: ProductStatus;
  productLine: string | null;
  description: string | null;
  updatedAt: string;
  images?: ProductImage[];
}

export interface PriceListItem {
  productId: string;
  sku: string;
  name: string;
  listPrice: string;
  price: string;
}

export interface PriceList {
  id: string;
  version: number;
  name: string;
  customerType: string | null;
  customerId: string | null;
  customerName: string | null;
  currency: string;
  validFrom: string | null;
  validTo: string | null;
  itemCount: number;
  items?: PriceListItem[];
}

export const productsKey = ['products'] as const;
export const categoriesKey = ['product-categories'] as const;
export const priceListsKey = ['price-lists'] as const;

export interface ProductQuery {
  q?: string;
  categoryId?: string;
  status?: ProductStatus;
  productLine?: string;
  sort?: string;
  cursor?: string | null;
}

export const listCategories = () => api.get<{ items: Category[] }>('/product-categories');
export const createCategory = (input: { name: string; nameEn?: string | null; parentId?: string | null }) =>
  api.post<Category>('/product-categories', input);
export const updateCategory = (id: string, input: Record<string, unknown>) =>
  api.patch<Category>(`/product-categories/${id}`, input);
export const deleteCategory = (id: string) => api.delete(`/product-categories/${id}`);

export const listProducts = (q: ProductQuery) => api.get<ListPage<Product>>('/products', { ...q, limit: 50 });
export const getProduct = (id: string) => api.get<Product>(`/products/${id}`);
export const createProduct = (input: Record<string, unknown>) => api.post<Product>('/products', input);
export const updateProduct = (id: string, input: Record<string, unknown>) =>
  api.patch<Product>(`/products/${id}`, input);
export const deleteProduct = (id: string) => api.delete(`/products/${id}`);
export const imageUrl = (productId: string, imageId: string) =>
  `/api/v1/products/${productId}/images/${imageId}`;
export function uploadImage(productId: string, file: File) {
  const form = new FormData();
  form.append('file', file);
  return upload<ProductImage>(`/products/${productId}/images`, form);
}
export const deleteImage = (productId: string, imageId: string) =>
  api.delete(`/products/${productId}/images/${imageId}`);

export const listPriceLists = () => api.get<{ items: PriceList[] }>('/price-lists');
export const getPriceList = (id: string) => api.get<PriceList>(`/price-lists/${id}`);
export const createPriceList = (input: Record<string, unknown>) => api.post<PriceList>('/price-lists', input);
export const updatePriceList = (id: string, input: Record<string, unknown>) =>
  api.patch<PriceList>(`/price-lists/${id}`, input);
export const deletePriceList = (id: string) => api.delete(`/price-lists/${id}`);
export const putPriceListItems = (id: string, items: { productId: string; price: string }[]) =>
  api.put<PriceList>(`/price-lists/${id}/items`, items);

/** Category rows → antd tree data (parents by parentId). */
export interface TreeNode {
  key: string;
  title: string;
  children: TreeNode[];
}
export function categoryTree(rows: readonly Category[], label: (c: Category) => string): TreeNode[] {
  const nodes = new Map(rows.map((c) => [c.id, { key: c.id, title: label(c), children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const c of rows) {
    const node = nodes.get(c.id)!;
    const parent = c.parentId ? nodes.get(c.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
