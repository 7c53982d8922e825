package dev.mailroom.model.templates;

import java.util.List;

/** Two texts line by line, for showing in two columns. */
public record SideBySideDiff(List<DiffRow> rows) {
    public SideBySideDiff {
        rows = List.copyOf(rows);
    }

    public boolean hasChanges() {
        return rows.stream().anyMatch(r -> r.kind() != DiffRow.Kind.SAME);
    }

    public long count(DiffRow.Kind kind) {
        return rows.stream().filter(r -> r.kind() == kind).count();
    }
}
