package org.juicetokens.trust.attestation;

import org.juicetokens.trust.attestation.proto.AttestationIndex;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectIndexTest {
  private static final AttestationIndex AB = AttestationIndex.newBuilder().addIds("a").addIds("b").build();

  @Test
  void an_id_already_in_writes_nothing() {
    assertThat(SubjectIndex.withId(AB, "a", 5, SubjectIndex.WhenFull.REFUSE)).isEmpty();
    assertThat(SubjectIndex.withId(AB, "b", 2, SubjectIndex.WhenFull.DROP_OLDEST)).isEmpty();
  }

  @Test
  void a_new_id_is_appended_as_the_newest() {
    assertThat(SubjectIndex.withId(AB, "c", 5, SubjectIndex.WhenFull.REFUSE)).get()
      .extracting(AttestationIndex::getIdsList).isEqualTo(java.util.List.of("a", "b", "c"));
  }

  @Test
  void a_full_refusing_index_refuses_and_a_dropping_one_keeps_the_newest() {
    assertThat(SubjectIndex.withId(AB, "c", 2, SubjectIndex.WhenFull.REFUSE)).isEmpty();
    assertThat(SubjectIndex.withId(AB, "c", 2, SubjectIndex.WhenFull.DROP_OLDEST)).get()
      .extracting(AttestationIndex::getIdsList).isEqualTo(java.util.List.of("b", "c"));
  }
}
