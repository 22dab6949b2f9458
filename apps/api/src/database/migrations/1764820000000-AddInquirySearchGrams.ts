import { MigrationInterface, QueryRunner } from 'typeorm';

/** Katakana ァ…ヶ and the hiragana ぁ…ゖ at the same place (U+30A1… and U+3041…, 0x60 apart). */
const KATAKANA = String.fromCharCode(...Array.from({ length: 0x30f6 - 0x30a1 + 1 }, (_, i) => 0x30a1 + i));
const HIRAGANA = String.fromCharCode(...Array.from({ length: 0x30f6 - 0x30a1 + 1 }, (_, i) => 0x3041 + i));

/**
 * Search that an index serves for one- and two-character queries (田中, 佐藤: how people search
 * names; a trigram index cannot serve them) and that needs no extension (some managed PostgreSQL
 * services restrict them), matching hiragana against katakana.
 *
 * `search_grams` holds every character and every pair of adjacent characters of `search_text`
 * with katakana folded to hiragana, in a GIN index. A query's own characters and pairs must all be
 * there: for one or two characters that is the match itself; longer queries are then checked
 * with LIKE on the few candidate rows. The column is generated, so every writer (the recording,
 * tests, the bench's SQL seeding) fills it, and adding it fills the existing rows.
 *
 * The trigram index is dropped: no query uses `search_text ILIKE` any more. (The extension itself
 * was created by CreateInquiries and is left in place.)
 */
export class AddInquirySearchGrams1764820000000 implements MigrationInterface {
  name = 'AddInquirySearchGrams1764820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION inquiry_search_fold(t text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT translate(t, '${KATAKANA}', '${HIRAGANA}') $$`);
    // PL/pgSQL, not SQL: a SQL function that cannot be inlined is planned again for every row a
    // generated column computes (about 5 ms a row here); PL/pgSQL keeps its plan for the session.
    await q.query(`
      CREATE FUNCTION inquiry_search_grams(t text) RETURNS text[]
        LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
        AS $$
        DECLARE
          s text := inquiry_search_fold(t);
          n int := char_length(s);
          result text[];
        BEGIN
          SELECT coalesce(array_agg(DISTINCT g), '{}') INTO result
            FROM (SELECT substr(s, i, 1) AS g FROM generate_series(1, n) i
                  UNION ALL
                  SELECT substr(s, i, 2) FROM generate_series(1, n - 1) i) x;
          RETURN result;
        END
        $$`);
    await q.query(`
      ALTER TABLE inquiries
        ADD COLUMN search_grams text[] GENERATED ALWAYS AS (inquiry_search_grams(search_text)) STORED`);
    await q.query(`CREATE INDEX inquiries_search_grams_idx ON inquiries USING gin (search_grams)`);
    await q.query(`DROP INDEX IF EXISTS inquiries_search_trgm_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX inquiries_search_trgm_idx ON inquiries USING gin (search_text gin_trgm_ops)`);
    await q.query(`ALTER TABLE inquiries DROP COLUMN search_grams`);
    await q.query(`DROP FUNCTION inquiry_search_grams(text)`);
    await q.query(`DROP FUNCTION inquiry_search_fold(text)`);
  }
}
