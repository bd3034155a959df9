package io.github.b24sip.app.csv;

import java.util.List;

/** A lines CSV as read: the valid rows, the rows refused with their reasons, and how many data rows there were. */
public record CsvLines(List<CsvRow> rows, List<RowError> errors, int rowCount) {}
