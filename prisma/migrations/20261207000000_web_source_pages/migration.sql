-- The pages a web source stood for when its last load started (string[]): the next load checks them
-- again, so pages that left the site are removed. A load that succeeded lists its own in its run output
-- (`pages`), which takes over from this.
ALTER TABLE "web_source" ADD COLUMN "pages" JSONB;
