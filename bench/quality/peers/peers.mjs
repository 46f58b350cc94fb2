// Peer systems for the quality benchmark (bench/quality, run by scripts/quality.sh).
//
//   node peers.mjs <system> <articles.jsonl> <predictions.jsonl>
//
// <system>: compromise | compromise-dates | chrono
// Reads one article a line ({"id", "text", "dct"?}) and writes one prediction a line:
//   {"id", "entities": [{"text","kind"}], "dates": [{"text","value"}], "doc_date": null}
// None of the peers infers an article's own date, so doc_date is always null.
//
// Dates are written at the precision the peer actually knows: "YYYY-MM-DD", "YYYY-MM" or "YYYY";
// a span that is none of these (a week, a quarter, a season, a multi-day range) is written as
// its first day, as our own export does. Run with TZ=UTC (scripts/quality.sh does) so that a
// reference day of "2016-05-14" stays that day.
import { readFileSync, writeFileSync } from 'node:fs'
import nlp from 'compromise'
import datePlugin from 'compromise-dates'
import * as chrono from 'chrono-node'

const [system, input, output] = process.argv.slice(2)
if (!['compromise', 'compromise-dates', 'chrono'].includes(system) || !input || !output) {
  console.error('usage: node peers.mjs compromise|compromise-dates|chrono <articles.jsonl> <predictions.jsonl>')
  process.exit(2)
}
// compromise's plugin changes the shared nlp object, so only load it for the system that uses it.
if (system === 'compromise-dates') nlp.plugin(datePlugin)

const pad = (n, w = 2) => String(n).padStart(w, '0')

// compromise returns a match with the punctuation around it ("Washington.", "\"Apple Inc.\"",
// "Paris, France,"). Trim quotes, brackets and sentence punctuation at the edges; keep a final
// full stop that belongs to an abbreviation ("U.S.", "Inc.", "Jr.").
const ABBREV = new Set(['inc', 'corp', 'co', 'ltd', 'jr', 'sr', 'st', 'bros', 'plc', 'llc', 'mr', 'mrs', 'ms', 'dr', 'gen', 'col', 'sen', 'rep', 'gov', 'lt', 'sgt', 'prof', 'mt', 'ft', 'no', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'])
function trimEdges(s) {
  let t = s.trim().replace(/^[\s"'“”‘’«»()[\]{},;:!?.\-–—]+/u, '').replace(/[\s"'“”‘’«»()[\]{},;:!?\-–—]+$/u, '')
  for (;;) {
    const m = /(\S+)\.$/u.exec(t)
    if (!m) break
    const word = m[1]
    if (word.includes('.') || ABBREV.has(word.toLowerCase()) || /^[A-Z]$/u.test(word)) break
    t = t.slice(0, -1).replace(/[\s"'“”‘’«»()[\]{},;:!?\-–—]+$/u, '')
  }
  return t
}

function compromiseEntities(doc) {
  const out = []
  const add = (matches, kind) => {
    for (const j of matches.json({ offset: true, terms: false })) {
      const text = trimEdges(j.text)
      if (text) out.push({ text, kind, start: j.offset ? j.offset.start : 0 })
    }
  }
  add(doc.people(), 'person')
  add(doc.organizations(), 'organisation')
  add(doc.places(), 'place')
  out.sort((a, b) => a.start - b.start)
  return out.map(({ text, kind }) => ({ text, kind }))
}

// compromise-dates: start and end are ISO instants in the context's time zone (UTC here).
// A whole day (start and end on the same day, even with a time) is a day; the 1st to the last of
// one month is a month; 1 January to 31 December of one year is a year; anything else its start.
function compromiseValue(start, end) {
  if (!start) return null
  const s = /^(-?\d{4})-(\d{2})-(\d{2})/.exec(start)
  if (!s) return null
  const e = end ? /^(-?\d{4})-(\d{2})-(\d{2})/.exec(end) : null
  if (!e) return `${s[1]}-${s[2]}-${s[3]}`
  const [sy, sm, sd] = [s[1], s[2], s[3]]
  const [ey, em, ed] = [e[1], e[2], e[3]]
  if (sy === ey && sm === em && sd === ed) return `${sy}-${sm}-${sd}`
  const lastOfMonth = new Date(Date.UTC(Number(ey), Number(em), 0)).getUTCDate()
  if (sy === ey && sm === em && sd === '01' && Number(ed) === lastOfMonth) return `${sy}-${sm}`
  if (sy === ey && sm === '01' && sd === '01' && em === '12' && ed === '31') return sy
  return `${sy}-${sm}-${sd}`
}

function compromiseDates(doc, dct) {
  const context = { timezone: 'UTC' }
  if (dct) context.today = dct
  const collect = (d0, out) => {
    for (const j of d0.dates(context).json({ offset: true, terms: false })) {
      const d = j.dates || {}
      const value = compromiseValue(d.start, d.end)
      const text = trimEdges(j.text)
      if (value && text) out.push({ text, value })
    }
    return out
  }
  try {
    return collect(doc, [])
  } catch {
    // compromise-dates 3.9.0 throws on some sentences ("t.isValid is not a function" inside
    // spacetime, e.g. "a third-quarter net loss ... a year earlier"). Then take the article one
    // sentence at a time and skip only the sentences that throw.
    const out = []
    for (const sentence of doc.sentences().out('array')) {
      try {
        collect(nlp(sentence), out)
      } catch (e) {
        skippedSentences++
        console.error(`compromise-dates: sentence skipped (${e && e.message}): ${sentence.slice(0, 80)}`)
      }
    }
    return out
  }
}

// chrono: the precision is the finest component chrono is certain of. A weekday ("Monday") is
// resolved to one day against the reference, so it counts as a day; a bare time ("at 3pm") is on
// the reference day. Uncertain coarser parts (the year of "March") come from the reference.
function chronoValue(c) {
  const y = pad(c.get('year'), 4), m = pad(c.get('month')), d = pad(c.get('day'))
  if (c.isCertain('day') || c.isCertain('weekday') || c.isCertain('hour')) return `${y}-${m}-${d}`
  if (c.isCertain('month')) return `${y}-${m}`
  if (c.isCertain('year')) return y
  return null
}

function chronoDates(text, dct) {
  const ref = dct ? new Date(`${dct}T12:00:00Z`) : new Date()
  const out = []
  for (const r of chrono.parse(text, ref)) {
    const value = chronoValue(r.start)
    const t = trimEdges(r.text)
    if (value && t) out.push({ text: t, value })
  }
  return out
}

const lines = readFileSync(input, 'utf8').split('\n').filter((l) => l.trim())
const results = []
let failures = 0
let skippedSentences = 0
for (const line of lines) {
  const a = JSON.parse(line)
  const pred = { id: a.id, entities: [], dates: [], doc_date: null }
  // A peer that throws on one article predicts nothing for it (counted and reported), rather than
  // stopping the run.
  try {
    if (system === 'chrono') {
      pred.dates = chronoDates(a.text, a.dct)
    } else {
      const doc = nlp(a.text)
      pred.entities = compromiseEntities(doc)
      if (system === 'compromise-dates') pred.dates = compromiseDates(doc, a.dct)
    }
  } catch (e) {
    failures++
    console.error(`${system}: article ${a.id}: ${e && e.message}`)
  }
  results.push(JSON.stringify(pred))
}
if (skippedSentences) console.error(`${system}: ${skippedSentences} sentences skipped (they threw)`)
if (failures) console.error(`${system}: ${failures} of ${lines.length} articles failed (empty predictions)`)
writeFileSync(output, results.join('\n') + (results.length ? '\n' : ''))
