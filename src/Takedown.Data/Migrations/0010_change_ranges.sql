-- Change ranges (issue 7: a 1,000,000-hash import in under 10 s). A bulk import used to append one bank_changes row
-- per imported hash, a copy of the signal it announces (a third of the import's rows, index entries and WAL). From
-- here on an import whose new signals have consecutive ids appends ONE row for all of them:
-- * span NOT NULL marks a range row: it stands for the additions of the signals -entry_id, -entry_id + 1, ...,
--   -entry_id + span - 1, at the sequence numbers seq - span + 1 .. seq (the importer reserves them: no other row
--   ever gets a number inside a range). Its kind is 'range'; value and hash are NULL (the signal rows hold them). No
--   other signal can ever have an id inside the range (drawn above every earlier id, under the write lock); an id
--   without a signal row (a content id an upsert drew for a key that already existed) is a gap readers skip.
-- * span NULL is a single change as before (every other writer, and every row written before this migration).
-- Readers (Takedown.Data.Sql.SqlSession.ReadBankChangesAsync) expand a range into its single changes from the signal
-- rows. A signal deleted later is skipped: its removal has its own single row after the range, so a reader that
-- starts after the deletion folds the sequence to the same live set. Existing rows are unchanged (span NULL).
ALTER TABLE bank_changes ADD COLUMN span BIGINT NULL;

-- Signals of bulk-imported content take their content row's id (the importer draws the new content ids above every
-- signal id handed out so far, then inserts each signal with id = content_id). Their content_id index entry is then
-- redundant with the primary key: the index holds only signals whose id differs from their content id, and readers
-- of a content's signals look in both (SqlSession.SignalsOfContent). One index entry less per imported hash.
DROP INDEX ix_bank_signals_content;
CREATE INDEX ix_bank_signals_content ON bank_signals (content_id) WHERE content_id <> id;
