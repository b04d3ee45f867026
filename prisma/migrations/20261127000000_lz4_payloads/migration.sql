-- Run payloads (inputs, outputs, node previews, stored node outputs) are written on every call and
-- are mostly JSON over the 2 kB TOAST threshold: lz4 compresses them several times faster than the
-- default pglz, which shows directly in endpoint throughput. Servers built without lz4 (the embedded
-- database) keep pglz: the error is caught and the migration still applies.
DO $$
BEGIN
  ALTER TABLE "run" ALTER COLUMN "input" SET COMPRESSION lz4;
  ALTER TABLE "run" ALTER COLUMN "output" SET COMPRESSION lz4;
  ALTER TABLE "run" ALTER COLUMN "spec" SET COMPRESSION lz4;
  ALTER TABLE "node_run" ALTER COLUMN "input_preview" SET COMPRESSION lz4;
  ALTER TABLE "node_run" ALTER COLUMN "output_preview" SET COMPRESSION lz4;
  ALTER TABLE "run_artifact" ALTER COLUMN "data" SET COMPRESSION lz4;
  ALTER TABLE "chunk" ALTER COLUMN "text" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
  RAISE NOTICE 'lz4 compression is not available on this server; payloads keep the default compression';
END
$$;
