// Reference Easter dates for the liturgical calendar's differential test (tests/Selah.Tests/Features/Calendar).
// Usage: node easter-dates.mjs <firstYear> <lastYear>   (prints "YYYY-MM-DD" per year, one a line)
import { gregorianEaster } from "date-easter";

const [first, last] = process.argv.slice(2).map(Number);
const lines = [];
for (let year = first; year <= last; year++) {
  const { month, day } = gregorianEaster(year);
  lines.push(`${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);
}
process.stdout.write(lines.join("\n") + "\n");
