package dev.mailroom.mailer.templates;

import com.github.difflib.text.DiffRowGenerator;
import dev.mailroom.model.templates.DiffRow;
import dev.mailroom.model.templates.SideBySideDiff;
import dev.mailroom.model.templates.TextDiffer;
import java.util.ArrayList;
import java.util.List;

/** Side-by-side line comparison with java-diff-utils (Myers' algorithm). */
public final class DiffUtilsTextDiffer implements TextDiffer {
    private final DiffRowGenerator generator = DiffRowGenerator.create()
            .showInlineDiffs(false)
            .lineNormalizer(line -> line) // keep the source as written: no HTML escaping, no tab expansion
            .mergeOriginalRevised(false)
            .build();

    @Override
    public SideBySideDiff compare(String left, String right) {
        List<String> l = lines(left);
        List<String> r = lines(right);
        List<DiffRow> rows = new ArrayList<>();
        int ln = 0;
        int rn = 0;
        for (com.github.difflib.text.DiffRow row : generator.generateDiffRows(l, r)) {
            switch (row.getTag()) {
                case EQUAL -> rows.add(new DiffRow(DiffRow.Kind.SAME, ++ln, row.getOldLine(), ++rn, row.getNewLine()));
                case INSERT -> rows.add(new DiffRow(DiffRow.Kind.ADDED, 0, "", ++rn, row.getNewLine()));
                case DELETE -> rows.add(new DiffRow(DiffRow.Kind.REMOVED, ++ln, row.getOldLine(), 0, ""));
                case CHANGE -> {
                    // java-diff-utils pads the shorter side of a change with empty rows
                    boolean hasOld = ln < l.size()
                            && !(row.getOldLine().isEmpty() && !l.get(ln).isEmpty());
                    boolean hasNew = rn < r.size()
                            && !(row.getNewLine().isEmpty() && !r.get(rn).isEmpty());
                    if (hasOld && hasNew) {
                        rows.add(new DiffRow(DiffRow.Kind.CHANGED, ++ln, row.getOldLine(), ++rn, row.getNewLine()));
                    } else if (hasOld) {
                        rows.add(new DiffRow(DiffRow.Kind.REMOVED, ++ln, row.getOldLine(), 0, ""));
                    } else {
                        rows.add(new DiffRow(DiffRow.Kind.ADDED, 0, "", ++rn, row.getNewLine()));
                    }
                }
            }
        }
        return new SideBySideDiff(rows);
    }

    private static List<String> lines(String s) {
        if (s == null || s.isEmpty()) {
            return List.of();
        }
        return List.of(s.split("\r?\n", -1));
    }
}
