package io.github.dl4jvae.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a whole CSV file once before DataVec does, so that a bad line is an {@link IOException} naming the file,
 * the line (1-based, header lines counted) and the column, instead of a {@code NumberFormatException} or an
 * ND4J shape error from deep inside an iterator: every data line must have as many columns as the first one,
 * every feature cell must be a finite number, and a label cell a class index {@code 0..numClasses-1}. Cells may
 * be quoted with {@code "} as DataVec's {@code CSVRecordReader} allows; a line may not span several lines.
 */
final class CsvChecks {
    private CsvChecks() {
    }

    /**
     * Checks every data line of the file.
     *
     * @return the number of columns
     * @throws IOException naming the file and the first bad line
     */
    static int check(CsvSpec spec) throws IOException {
        String file = spec.file().toAbsolutePath().toString();
        int columns = -1;
        int firstDataLine = -1;
        int lineNumber = 0;
        try (BufferedReader in = Files.newBufferedReader(spec.file(), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (lineNumber <= spec.skipLines()) {
                    continue;
                }
                if (line.isBlank()) {
                    throw new IOException(file + " line " + lineNumber + " is empty; expected "
                            + (columns < 0 ? "a line of" : String.valueOf(columns)) + " values separated by '"
                            + spec.delimiter() + "' (remove blank lines)");
                }
                List<String> cells = split(line, spec.delimiter(), file, lineNumber);
                if (columns < 0) {
                    columns = cells.size();
                    firstDataLine = lineNumber;
                    if (spec.hasLabel() && (spec.labelColumn() >= columns || columns < 2)) {
                        throw new IOException(file + ": the first data line (line " + lineNumber + ") has " + columns
                                + " columns; expected the label column " + spec.labelColumn()
                                + " and at least one feature");
                    }
                } else if (cells.size() != columns) {
                    throw new IOException(file + " line " + lineNumber + " has " + cells.size() + " columns; expected "
                            + columns + " like the first data line (line " + firstDataLine + ")");
                }
                for (int c = 0; c < cells.size(); c++) {
                    checkCell(spec, cells.get(c).strip(), c, file, lineNumber);
                }
            }
        }
        if (columns < 0) {
            throw new IOException(file + ": has no data line after the " + spec.skipLines()
                    + " skipped lines; expected at least one example");
        }
        return columns;
    }

    private static void checkCell(CsvSpec spec, String cell, int column, String file, int line) throws IOException {
        String where = file + " line " + line + ", column " + (column + 1);
        if (column == spec.labelColumn()) {
            int label;
            try {
                label = Integer.parseInt(cell);
            } catch (NumberFormatException e) {
                throw new IOException(where + ": label \"" + cell + "\" is not a class index; expected an integer 0.."
                        + (spec.numClasses() - 1));
            }
            if (label < 0 || label >= spec.numClasses()) {
                throw new IOException(where + ": label " + label + " is outside 0.." + (spec.numClasses() - 1)
                        + " (numClasses " + spec.numClasses() + ")");
            }
            return;
        }
        double value;
        try {
            value = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new IOException(where + ": \"" + cell + "\" is not a number; expected a decimal such as 0.5");
        }
        if (!Double.isFinite(value)) {
            throw new IOException(where + ": " + cell + " is not a finite number; expected a finite decimal");
        }
    }

    /** The cells of one line; {@code "} quotes a cell (a doubled quote inside is one quote). */
    static List<String> split(String line, char delimiter, String file, int lineNumber) throws IOException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == delimiter) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new IOException(file + " line " + lineNumber + " has an unclosed quote; expected every \" to be "
                    + "closed on the same line");
        }
        cells.add(cell.toString());
        return cells;
    }
}
