-- Video uploads registered through /check (or hashed by a copy sweep) keep their vPDQ frame hashes for later sweeps
-- (Takedown.Core.Media.VpdqValue form: "frame,quality,hash,timestamp" lines joined by ';'). The NCII bank needs no
-- schema change: a video is one bank_entries row of kind 'vpdq' whose TEXT value holds the same form.
ALTER TABLE platform_content ADD COLUMN vpdq TEXT NULL;
