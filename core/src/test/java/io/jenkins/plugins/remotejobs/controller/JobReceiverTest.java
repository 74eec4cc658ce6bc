package io.jenkins.plugins.remotejobs.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JobReceiverTest {

    @Test
    void incompleteUtf8SequencesAtTheEndAreHeldBack() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // 3 bytes
        assertThat(ReceivePass.incompleteUtf8Tail("abc".getBytes(StandardCharsets.UTF_8)))
                .isZero();
        assertThat(ReceivePass.incompleteUtf8Tail(euro)).isZero();
        assertThat(ReceivePass.incompleteUtf8Tail(new byte[] {'a', euro[0]})).isEqualTo(1);
        assertThat(ReceivePass.incompleteUtf8Tail(new byte[] {'a', euro[0], euro[1]}))
                .isEqualTo(2);
        byte[] emoji = "😀".getBytes(StandardCharsets.UTF_8); // 4 bytes
        assertThat(ReceivePass.incompleteUtf8Tail(new byte[] {emoji[0], emoji[1], emoji[2]}))
                .isEqualTo(3);
        assertThat(ReceivePass.incompleteUtf8Tail(emoji)).isZero();
        assertThat(ReceivePass.incompleteUtf8Tail(new byte[0])).isZero();
    }
}
