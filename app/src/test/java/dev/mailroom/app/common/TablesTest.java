package dev.mailroom.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A wrapped cell shows a value of many lines (a user's roles in many clients) as its first lines and a count. */
class TablesTest {
    @Test
    void aValueOfAFewLinesIsShownWholeAndALongerOneSaysHowManyMore() {
        assertThat(Tables.firstLines("Acme: Admin")).isEqualTo("Acme: Admin");
        assertThat(Tables.firstLines("A: Admin\nB: Viewer\nC: Designer")).isEqualTo("A: Admin\nB: Viewer\nC: Designer");
        assertThat(Tables.firstLines("A: Admin\nB: Viewer\nC: Designer\nD: Sender\nE: Viewer"))
                .isEqualTo("A: Admin\nB: Viewer\n… and 3 more");
    }
}
