package io.jenkins.plugins.remotejobs.controller.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.remotejobs.protocol.StreamName;
import org.junit.jupiter.api.Test;

class ReceiptTest {

    @Test
    void aCallThatGoesOnWhereItEndedGrowsItsRangeAndAnotherCallReplacesIt() {
        Receipt first = Receipt.after(null, "c1", StreamName.STDOUT, 0, 10);
        Receipt grown = Receipt.after(first, "c1", StreamName.STDOUT, 10, 25);
        Receipt withStderr = Receipt.after(grown, "c1", StreamName.STDERR, 3, 7);
        Receipt other = Receipt.after(withStderr, "c2", StreamName.STDOUT, 25, 30);

        assertThat(grown).isEqualTo(new Receipt("c1", 0, 25, 0, 0));
        assertThat(withStderr).isEqualTo(new Receipt("c1", 0, 25, 3, 7));
        assertThat(other).isEqualTo(new Receipt("c2", 25, 30, 0, 0));
        assertThat(Receipt.after(grown, "c1", StreamName.STDOUT, 40, 50))
                .as("a gap: another receive took 25 to 40 meanwhile")
                .isEqualTo(new Receipt("c1", 40, 50, 0, 0));
    }

    @Test
    void itsPersistedFormReadsBackAndAnythingElseReadsAsNone() {
        Receipt r = new Receipt("a call id with spaces", 1, 2, 3, 4);

        assertThat(Receipt.decode(r.encode())).isEqualTo(r);
        assertThat(Receipt.decode(null)).isNull();
        assertThat(Receipt.decode("")).isNull();
        assertThat(Receipt.decode("1 2 3")).isNull();
        assertThat(Receipt.decode("1 x 3 4 c")).isNull();
        assertThat(Receipt.decode("5 2 3 4 c"))
                .as("a range that ends before it begins")
                .isNull();
    }
}
