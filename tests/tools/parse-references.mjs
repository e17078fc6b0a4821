// Reference OSIS output for the scripture parser's differential test (tests/Selah.Tests/Features/Scripture).
// Usage: node parse-references.mjs <cases-file>   (one text per line; prints one OSIS string per line, empty when none)
// Options chosen to match Selah's conventions (issue 5): passages listed separately in order of appearance,
// whole chapters/books compacted ("b"), "Jude 1" read as a verse, lone book names ignored.
import { readFileSync } from "node:fs";
import { bcv_parser } from "bible-passage-reference-parser/esm/bcv_parser.js";
import * as lang from "bible-passage-reference-parser/esm/lang/en.js";

const bcv = new bcv_parser(lang);
bcv.set_options({
  osis_compaction_strategy: "b",
  consecutive_combination_strategy: "separate",
  sequence_combination_strategy: "combine",
  book_alone_strategy: "ignore",
  book_sequence_strategy: "ignore",
  book_range_strategy: "ignore",
  single_chapter_1_strategy: "verse",
  passage_existence_strategy: "bcv",
  invalid_passage_strategy: "ignore",
  versification_system: "kjv",
  testaments: "on",
});

const lines = readFileSync(process.argv[2], "utf8").split("\n");
if (lines.length && lines[lines.length - 1] === "") lines.pop();
const out = lines.map((line) => bcv.parse(line).osis());
process.stdout.write(out.join("\n") + "\n");
