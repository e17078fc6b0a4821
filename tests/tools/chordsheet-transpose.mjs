// Reference transposition for Selah's differential test: reads {"chords":[{"chord","semitones"}],"sheets":[{"text","semitones"}]}
// as JSON on stdin and prints {"chords":[string|null], "sheets":[string|null]} using chordsheetjs (Chord.transpose and
// Song.transpose + ChordProFormatter).
import pkg from 'chordsheetjs';

const { Chord, ChordProParser, ChordProFormatter } = pkg;

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;
const request = JSON.parse(input);

const chords = (request.chords ?? []).map(({ chord, semitones }) => {
  try {
    const parsed = Chord.parse(chord);
    return parsed ? parsed.transpose(semitones).toString() : null;
  } catch {
    return null;
  }
});

const sheets = (request.sheets ?? []).map(({ text, semitones }) => {
  try {
    const song = new ChordProParser().parse(text);
    return new ChordProFormatter().format(song.transpose(semitones));
  } catch (error) {
    return null;
  }
});

process.stdout.write(JSON.stringify({ chords, sheets }));
