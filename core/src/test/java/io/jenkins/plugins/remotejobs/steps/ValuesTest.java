package io.jenkins.plugins.remotejobs.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void quoteEscapesControlCharacters() {
        assertThat(Values.quote("a\0b\tc\nd\u001be\u007ff\u009fg"))
                .isEqualTo("'a\\u0000b\\u0009c\\u000ad\\u001be\\u007ff\\u009fg'");
    }

    @Test
    void quoteEscapesUnpairedSurrogatesAndBidiOverrides() {
        assertThat(Values.quote("x\udc00y\u202ez\u2066")).isEqualTo("'x\\udc00y\\u202ez\\u2066'");
    }

    @Test
    void quoteKeepsPrintableUnicode() {
        assertThat(Values.quote("grüße 🚀 ..\\/")).isEqualTo("'grüße 🚀 ..\\/'");
    }

    @Test
    void quoteIsBoundedAndGivesTheFullLength() {
        assertThat(Values.quote("y".repeat(10_000))).isEqualTo("'" + "y".repeat(60) + "...(10000 chars)'");
        assertThat(Values.quote("y".repeat(60))).isEqualTo("'" + "y".repeat(60) + "'");
    }

    @Test
    void quoteNeverCutsASurrogatePairInHalf() {
        String text = "y".repeat(59) + "🚀" + "tail";

        assertThat(Values.quote(text)).isEqualTo("'" + "y".repeat(59) + "🚀...(65 chars)'");
    }

    @Test
    void showRendersValuesAsWritten() {
        assertThat(Values.show(null)).isEqualTo("null");
        assertThat(Values.show(new StringBuilder("gs"))).isEqualTo("'gs'");
        assertThat(Values.show(-5)).isEqualTo("-5");
        assertThat(Values.show(true)).isEqualTo("true");
        assertThat(Values.show(new BigDecimal("1.50"))).isEqualTo("1.50");
        assertThat(Values.show(List.of())).isEqualTo("an empty List");
        assertThat(Values.show(List.of(1, 2))).isEqualTo("a List of 2 items");
        assertThat(Values.show(Set.of(1))).isEqualTo("a Set of 1 item");
        assertThat(Values.show(Map.of("k", "v"))).isEqualTo("a Map of 1 entry");
        assertThat(Values.show(TestJob.valid())).isEqualTo("a job handle");
    }

    @Test
    void showBoundsHugeNumbersWithoutPrintingThemInFull() {
        assertThat(Values.show(BigInteger.TWO.pow(100_000))).isEqualTo("a number of 100001 bits");
        assertThat(Values.show(new BigDecimal(BigInteger.TEN.pow(2000), 1000))).startsWith("a number of 2001 digits");
        assertThat(Values.show(BigInteger.TEN.pow(80))).hasSize(60 + "...(81 chars)".length());
    }

    @Test
    void showNeverCallsAForeignToString() {
        Object foreign = new Object() {
            @Override
            public String toString() {
                return "s3cr3t";
            }
        };

        assertThat(Values.show(foreign)).doesNotContain("s3cr3t").startsWith("a");
        assertThat(Values.showWithType(foreign)).doesNotContain("s3cr3t");
    }

    @Test
    void showWithTypeAddsTheTypeOfScalarsOnly() {
        assertThat(Values.showWithType("yes")).isEqualTo("'yes' (a String)");
        assertThat(Values.showWithType(1)).isEqualTo("1 (an Integer)");
        assertThat(Values.showWithType(BigInteger.ONE)).isEqualTo("1 (a BigInteger)");
        assertThat(Values.showWithType(List.of("a"))).isEqualTo("a List of 1 item");
    }

    @Test
    void typeUsesTheRightArticle() {
        assertThat(Values.typeOf(new StringBuilder())).isEqualTo("a String");
        assertThat(Values.typeOf(1)).isEqualTo("an Integer");
        assertThat(Values.typeOf(1L)).isEqualTo("a Long");
        assertThat(Values.typeOf(new Object())).isEqualTo("an Object");
    }
}
