// A match tree decided from a title alone gives what the index gives: title words and bigrams, prefixes, a facet
// holding, and no answer when the tree asks for the body.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, not, or, term, TITLE_FIELDS } from './match.ts';
import { titleMatches, titleTokens } from './title-match.ts';

describe('a match tree decided from a title', () => {
  const t = titleTokens('关于做好2026年度城乡居民医疗保险参保缴费工作的通知');

  it('finds title words and title bigrams, and prefixes of either', () => {
    assert.equal(titleMatches(term('通知', TITLE_FIELDS), t), true);
    assert.equal(titleMatches(term('缴费', ['grams']), t), true);
    assert.equal(titleMatches(term('年度', ['grams']), t), true, 'a bigram across two words');
    assert.equal(titleMatches(term('公积金', ['title', 'grams']), t), false);
    assert.equal(titleMatches(term('参', ['grams'], true), t), true, 'a prefix');
    assert.equal(titleMatches(term('房', ['grams'], true), t), false);
  });

  it('combines with AND and OR, holds facets, and reads a NOT as its item', () => {
    const words = and([term('医疗', ['title']), or([term('社保', ['title']), term('保险', ['title'])])]);
    assert.equal(titleMatches(words, t), true);
    assert.equal(titleMatches(and([words, term('s3', ['facets'])]), t), true);
    assert.equal(titleMatches(not(term('通知', ['title']), term('公告', ['title', 'body'])), t), true);
    assert.equal(titleMatches(and([term('医疗', ['title']), term('住房', ['title'])]), t), false);
  });

  it('has no answer when the tree asks for metadata or body words', () => {
    assert.equal(titleMatches(term('通知', ['title', 'grams', 'meta', 'body']), t), null);
    assert.equal(titleMatches(or([term('通知', ['title']), term('文号', ['meta'])]), t), null);
  });
});
