import { defineExecutor } from '../../core/context';
import { NodeError } from '../../core/errors';
import { validateCollectionName } from '../shared/collections';
import { storePgvector } from './definition';
import { planDocuments } from './plan';
import { storeDocuments } from './write';

export const storePgvectorExecutor = defineExecutor(storePgvector, {
  async execute(ctx, inputs, config) {
    const value = inputs.chunks;
    if (!value) throw new NodeError('INVALID_INPUT', 'store.pgvector needs embedded chunks on its "chunks" input');
    const collection = validateCollectionName(config.collection);
    const summary = await storeDocuments(ctx.sql, { collection, model: value.model, dims: value.dims, m: config.m, efConstruction: config.efConstruction, indexThreshold: config.indexThreshold }, (collectionId) =>
      planDocuments(value, collectionId, { indexTitle: config.indexTitle }),
    );
    ctx.record({ chunksWritten: summary.chunksWritten, skippedUnchanged: summary.skippedUnchanged, replaced: summary.replaced });
    return { summary };
  },
});
