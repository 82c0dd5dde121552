import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { AppError } from '../../lib/errors.ts';
import { ErrorSchema, errorResponses, HistorySchema, IdParams, ListOf } from '../../lib/schemas.ts';
import {
  CategoryCreate,
  CategoryOut,
  CategoryPatch,
  ImageParams,
  PriceListCreate,
  PriceListItemsBody,
  PriceListListQuery,
  PriceListOut,
  PriceListPatch,
  PriceOut,
  PriceQuery,
  ProductCreate,
  ProductImageOut,
  ProductListQuery,
  ProductOut,
  ProductPatch,
} from './products.schema.ts';
import * as svc from './products.service.ts';
import * as cats from './categories.service.ts';
import * as lists from './price-lists.service.ts';
import * as images from './product-images.service.ts';
import { IMAGE_MAX_BYTES } from './product-images.ts';

export async function productsRoutes(app: FastifyInstance): Promise<void> {
  const { attachmentsDir, attachmentMaxMb } = app.deps.config;
  const maxBytes = Math.min(IMAGE_MAX_BYTES, attachmentMaxMb * 1024 * 1024);
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 5 } });
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['products'];
  const noContent = { 204: Type.Null(), ...errorResponses };

  // ---------- categories ----------
  r.get(
    '/api/v1/product-categories',
    {
      schema: {
        tags,
        description: 'The category tree, flat in path order (parents first), with live product counts.',
        response: { 200: Type.Object({ items: Type.Array(CategoryOut) }), ...errorResponses },
      },
    },
    async (req) => cats.listCategories(ctxOf(req)),
  );
  r.post(
    '/api/v1/product-categories',
    { schema: { tags, body: CategoryCreate, response: { 201: CategoryOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await cats.createCategory(ctxOf(req), req.body)),
  );
  r.patch(
    '/api/v1/product-categories/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: CategoryPatch,
        response: { 200: CategoryOut, ...errorResponses },
      },
    },
    async (req) => cats.updateCategory(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/product-categories/:id',
    {
      schema: {
        tags,
        description: 'Refused with 409 IN_USE while the category holds products or sub-categories.',
        params: IdParams,
        response: noContent,
      },
    },
    async (req, reply) => {
      await cats.deleteCategory(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  // ---------- products ----------
  r.get(
    '/api/v1/products',
    {
      schema: {
        tags,
        description:
          'The catalogue. q matches SKU, name and English name; categoryId takes the whole subtree. cost is null for roles whose field rule hides it.',
        querystring: ProductListQuery,
        response: { 200: ListOf(ProductOut), ...errorResponses },
      },
    },
    async (req) => svc.listProducts(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/products',
    { schema: { tags, body: ProductCreate, response: { 201: ProductOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await svc.createProduct(ctxOf(req), req.body)),
  );
  r.get(
    '/api/v1/products/prices',
    {
      schema: {
        tags,
        description:
          "What a customer pays on a day: the customer's price list, then its type's, then a general one, else the list price (same currency only).",
        querystring: PriceQuery,
        response: { 200: PriceOut, ...errorResponses },
      },
    },
    async (req) => lists.quotePrices(ctxOf(req), req.query),
  );
  r.get(
    '/api/v1/products/:id',
    { schema: { tags, params: IdParams, response: { 200: ProductOut, ...errorResponses } } },
    async (req) => svc.getProduct(ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/products/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: ProductPatch,
        response: { 200: ProductOut, ...errorResponses },
      },
    },
    async (req) => svc.updateProduct(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/products/:id',
    { schema: { tags, params: IdParams, response: noContent } },
    async (req, reply) => {
      await svc.deleteProduct(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/v1/products/:id/restore',
    { schema: { tags, params: IdParams, response: { 200: ProductOut, ...errorResponses } } },
    async (req) => svc.restoreProduct(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/products/:id/history',
    { schema: { tags, params: IdParams, response: { 200: HistorySchema, ...errorResponses } } },
    async (req) => svc.productHistory(ctxOf(req), req.params.id),
  );

  // ---------- images ----------
  r.post(
    '/api/v1/products/:id/images',
    {
      schema: {
        tags,
        description: 'A JPEG, PNG or WebP image (told by its bytes), at most 5 MB.',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: ProductImageOut, ...errorResponses, 413: ErrorSchema, 415: ErrorSchema },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      svc.requireProducts(ctx, 'update');
      if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const data = await req.file();
      if (!data) throw new AppError('VALIDATION_FAILED', {}, [{ field: 'file', code: 'required' }]);
      let bytes: Buffer;
      try {
        bytes = await data.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          const mb = Math.round(maxBytes / 1024 / 1024);
          throw new AppError('PAYLOAD_TOO_LARGE', { limit: mb }, { maxMb: mb });
        }
        throw err;
      }
      const out = await images.uploadImage(ctx, attachmentsDir, req.params.id, {
        fileName: data.filename,
        bytes,
      });
      return reply.status(201).send(out);
    },
  );
  app.get<{ Params: { id: string; imageId: string } }>(
    '/api/v1/products/:id/images/:imageId',
    {
      schema: {
        tags,
        params: ImageParams,
        response: { 200: Type.String({ description: 'the image' }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { file, bytes } = await images.openImage(
        ctxOf(req),
        attachmentsDir,
        req.params.id,
        req.params.imageId,
      );
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=3600')
        .send(bytes);
    },
  );
  r.delete(
    '/api/v1/products/:id/images/:imageId',
    { schema: { tags, params: ImageParams, response: noContent } },
    async (req, reply) => {
      await images.deleteImage(ctxOf(req), attachmentsDir, req.params.id, req.params.imageId);
      return reply.status(204).send(null);
    },
  );

  // ---------- price lists ----------
  r.get(
    '/api/v1/price-lists',
    {
      schema: {
        tags,
        description:
          "General and customer-type lists; a customer's list only when the customer is in your data scope.",
        querystring: PriceListListQuery,
        response: { 200: Type.Object({ items: Type.Array(PriceListOut) }), ...errorResponses },
      },
    },
    async (req) => lists.listPriceLists(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/price-lists',
    { schema: { tags, body: PriceListCreate, response: { 201: PriceListOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await lists.createPriceList(ctxOf(req), req.body)),
  );
  r.get(
    '/api/v1/price-lists/:id',
    { schema: { tags, params: IdParams, response: { 200: PriceListOut, ...errorResponses } } },
    async (req) => lists.getPriceList(ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/price-lists/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: PriceListPatch,
        response: { 200: PriceListOut, ...errorResponses },
      },
    },
    async (req) => lists.updatePriceList(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/price-lists/:id',
    { schema: { tags, params: IdParams, response: noContent } },
    async (req, reply) => {
      await lists.deletePriceList(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.put(
    '/api/v1/price-lists/:id/items',
    {
      schema: {
        tags,
        description: "Replaces the list's items: [{ productId, price }].",
        params: IdParams,
        body: PriceListItemsBody,
        response: { 200: PriceListOut, ...errorResponses },
      },
    },
    async (req) => lists.replacePriceListItems(ctxOf(req), req.params.id, req.body),
  );
}
