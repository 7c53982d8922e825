package dev.mailroom.model.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MessageIdsTest {
    private static final Pattern FORM = Pattern.compile("<[0-9a-z]{26}@acme\\.example>");

    @Test
    void idsAreAtTheDomainInAngleBracketsWithOnlyLettersAndDigits() {
        String id = MessageIds.at("acme.example", Instant.parse("2026-11-23T03:30:00Z"));
        assertTrue(FORM.matcher(id).matches(), id);
    }

    @Test
    void idsMadeLaterSortLaterSoIndexesGrowAtTheirEnd() {
        Instant t = Instant.parse("1999-12-31T23:59:59.998Z");
        List<String> made = new ArrayList<>();
        // Steps from a millisecond to years, across digit/letter boundaries of every position.
        for (long step :
                new long[] {1, 1, 31, 32, 1_000, 1_023, 1_024, 86_400_000L, 31L * 86_400_000L, 3_650L * 86_400_000L}) {
            t = t.plusMillis(step);
            made.add(MessageIds.at("acme.example", t));
        }
        List<String> sorted = new ArrayList<>(made);
        sorted.sort(null);
        assertEquals(made, sorted);
    }

    @Test
    void idsMadeInTheSameMillisecondDiffer() {
        Instant now = Instant.parse("2026-11-23T03:30:00Z");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(MessageIds.at("acme.example", now));
        }
        assertEquals(10_000, ids.size());
        assertNotEquals(
                MessageIds.at("acme.example", now).substring(11, 27),
                MessageIds.at("acme.example", now).substring(11, 27));
    }
}
