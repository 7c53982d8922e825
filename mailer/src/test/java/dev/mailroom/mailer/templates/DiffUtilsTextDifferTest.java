package dev.mailroom.mailer.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.templates.DiffRow;
import dev.mailroom.model.templates.DiffRow.Kind;
import dev.mailroom.model.templates.SideBySideDiff;
import org.junit.jupiter.api.Test;

class DiffUtilsTextDifferTest {
    private final DiffUtilsTextDiffer differ = new DiffUtilsTextDiffer();

    @Test
    void linesLineUpWithTheirNumbersOnEachSide() {
        SideBySideDiff d = differ.compare(
                "<table>\n<tr><td>{{a}}</td></tr>\n<tr><td>old</td></tr>\n</table>",
                "<table>\n<tr><td>{{a}}</td></tr>\n<tr><td>new</td></tr>\n<tr><td>added</td></tr>\n</table>");
        assertThat(d.rows())
                .containsExactly(
                        new DiffRow(Kind.SAME, 1, "<table>", 1, "<table>"),
                        new DiffRow(Kind.SAME, 2, "<tr><td>{{a}}</td></tr>", 2, "<tr><td>{{a}}</td></tr>"),
                        new DiffRow(Kind.CHANGED, 3, "<tr><td>old</td></tr>", 3, "<tr><td>new</td></tr>"),
                        new DiffRow(Kind.ADDED, 0, "", 4, "<tr><td>added</td></tr>"),
                        new DiffRow(Kind.SAME, 4, "</table>", 5, "</table>"));
        assertThat(d.hasChanges()).isTrue();
    }

    @Test
    void removedLinesAndIdenticalTexts() {
        SideBySideDiff d = differ.compare("a\nb\nc", "a\nc");
        assertThat(d.rows()).extracting(DiffRow::kind).containsExactly(Kind.SAME, Kind.REMOVED, Kind.SAME);
        assertThat(d.rows().get(1)).isEqualTo(new DiffRow(Kind.REMOVED, 2, "b", 0, ""));
        assertThat(differ.compare("x\ny", "x\ny").hasChanges()).isFalse();
        assertThat(differ.compare("", "new").rows()).containsExactly(new DiffRow(Kind.ADDED, 0, "", 1, "new"));
    }

    @Test
    void aChangeOfUnequalLengthPairsWhatItCanAndAddsTheRest() {
        SideBySideDiff d = differ.compare("a\nold1\nz", "a\nnew1\nnew2\nnew3\nz");
        assertThat(d.count(Kind.CHANGED) + d.count(Kind.ADDED)).isEqualTo(3);
        assertThat(d.rows()).last().isEqualTo(new DiffRow(Kind.SAME, 3, "z", 5, "z"));
        assertThat(d.rows())
                .filteredOn(r -> r.kind() == Kind.ADDED)
                .allSatisfy(r -> assertThat(r.leftNumber()).isZero());
    }
}
