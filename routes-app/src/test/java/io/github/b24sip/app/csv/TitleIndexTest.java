package io.github.b24sip.app.csv;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The title table on its own: first rows kept per portal, and nothing lost as it grows. */
class TitleIndexTest {

    @Test
    void aTitleIsNewOncePerPortalAndAfterwardsNamesItsFirstRow() {
        TitleIndex index = new TitleIndex();
        assertThat(index.putIfAbsent("acme", "sales", 2)).isZero();
        assertThat(index.putIfAbsent("beta", "sales", 3))
                .as("another portal's title")
                .isZero();
        assertThat(index.putIfAbsent("acme", "sales", 9)).isEqualTo(2);
        assertThat(index.contains("acme", "sales")).isTrue();
        assertThat(index.contains("acme", "support")).isFalse();
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void growingPastItsFirstTableKeepsEveryTitleAndItsRow() {
        TitleIndex index = new TitleIndex();
        for (int i = 0; i < 100_000; i++) {
            assertThat(index.putIfAbsent("acme", "line-" + i, i + 2)).isZero();
        }
        assertThat(index.size()).isEqualTo(100_000);
        for (int i = 0; i < 100_000; i += 997) {
            assertThat(index.putIfAbsent("acme", "line-" + i, 0)).isEqualTo(i + 2);
        }
        assertThat(index.contains("acme", "line-100000")).isFalse();
    }
}
