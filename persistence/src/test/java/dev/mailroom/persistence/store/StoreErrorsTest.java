package dev.mailroom.persistence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.common.ExternalFailure;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A failed change is explained by what happened, not by "check the disk". */
class StoreErrorsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aValueTooLongForItsColumnSaysSoAndSavesNothing(Backend backend) {
        try (Store store = backend.open(dir)) {
            store.dsl().execute("create table store_error_probe (v varchar(2))");
            JooqTransactions tx = store.transactions();
            assertThatThrownBy(() -> tx.inTransaction(() -> {
                        store.transactions().dsl().execute("insert into store_error_probe values ('ok')");
                        return store.transactions().dsl().execute("insert into store_error_probe values ('abc')");
                    }))
                    .isInstanceOf(ExternalFailure.class)
                    .hasMessageContaining("longer than the store keeps")
                    .hasMessageContaining("nothing was saved")
                    .hasMessageNotContaining("disk");
            assertThat(store.dsl().fetchCount(store.dsl().selectFrom("store_error_probe")))
                    .isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aDuplicateSaysItClashed(Backend backend) {
        try (Store store = backend.open(dir)) {
            store.dsl().execute("create table store_error_probe (v varchar(2) primary key)");
            JooqTransactions tx = store.transactions();
            assertThatThrownBy(() -> tx.inTransaction(() -> {
                        store.transactions().dsl().execute("insert into store_error_probe values ('a')");
                        return store.transactions().dsl().execute("insert into store_error_probe values ('a')");
                    }))
                    .isInstanceOf(ExternalFailure.class)
                    .hasMessageContaining("clashed");
        }
    }

    @Test
    void onlyDiskTroubleSendsPeopleToTheDisk() {
        assertThat(JooqTransactions.explain("53100")).contains("disk");
        assertThat(JooqTransactions.explain("90028")).contains("disk");
        assertThat(JooqTransactions.explain("22001")).doesNotContain("disk");
        assertThat(JooqTransactions.explain("08006")).contains("connection");
        assertThat(JooqTransactions.explain(null)).contains("unknown");
    }
}
