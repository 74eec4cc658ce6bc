package io.jenkins.plugins.remotejobs.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementTest {

    @Test
    void onlyASingleNodeIsNotAParent() {
        assertThat(Placement.onNode("a").isParent()).isFalse();
        assertThat(Placement.onNodes(List.of("a")).isParent()).isTrue();
        assertThat(Placement.onLabel("linux").isParent()).isTrue();
    }

    @Test
    void nodesAreAnImmutableCopy() {
        List<String> nodes = new ArrayList<>(List.of("a", "b"));
        Placement placement = Placement.onNodes(nodes);
        nodes.add("c");

        assertThat(placement.nodes()).containsExactly("a", "b");
        assertThatThrownBy(() -> placement.nodes().add("d")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesNoneSeveralOrEmpty() {
        assertThatThrownBy(() -> new Placement(null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Placement("a", null, "b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Placement.onNodes(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nodes must not be empty");
    }
}
