-- Tsunagu database schema, version 5: a lighter search index.
-- Applied in one transaction by TsuDatabase after version 4.

-- The trigram index keeps which documents hold each trigram, but not where in them
-- (detail = none) nor how long each is (columnsize = 0): search asks for the documents
-- holding every trigram of a term and checks those for the term itself
-- (tsu_store_search ()), and it never ranked by position or length. Writing the index
-- costs about a third less (an import of 10,000 events writes 10,000 documents), and
-- it takes less room. The triggers of search_doc stay as they are.
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5 (title, body, content = 'search_doc',
                                            content_rowid = 'id', tokenize = 'trigram',
                                            detail = none, columnsize = 0);
INSERT INTO search_fts (search_fts) VALUES ('rebuild');
