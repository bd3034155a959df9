package io.github.b24sip.camel.jdbc;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The shares of a heartbeat: they add up to the namespaces, none more than one over another, the same on every instance. */
class FairShareTest {

    @Test
    void sixtyFourShardsOverThreeInstancesAreTwentyTwoTwentyOneTwentyOne() {
        Set<String> alive = Set.of("copy-2", "copy-0", "copy-1");
        assertThat(FairShare.of(64, alive, "copy-0")).isEqualTo(22);
        assertThat(FairShare.of(64, alive, "copy-1")).isEqualTo(21);
        assertThat(FairShare.of(64, alive, "copy-2")).isEqualTo(21);
    }

    @Test
    void sharesAddUpToTheNamespacesForAnyCount() {
        for (int instances = 1; instances <= 7; instances++) {
            Set<String> alive = new java.util.HashSet<>();
            for (int i = 0; i < instances; i++) {
                alive.add("i" + i);
            }
            for (int namespaces = 0; namespaces <= 300; namespaces += 13) {
                int n = namespaces;
                int sum =
                        alive.stream().mapToInt(a -> FairShare.of(n, alive, a)).sum();
                assertThat(sum)
                        .as("%d namespaces over %d instances", n, instances)
                        .isEqualTo(n);
                int max = alive.stream()
                        .mapToInt(a -> FairShare.of(n, alive, a))
                        .max()
                        .orElse(0);
                int min = alive.stream()
                        .mapToInt(a -> FairShare.of(n, alive, a))
                        .min()
                        .orElse(0);
                assertThat(max - min).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void aLoneInstanceLeadsEverything() {
        assertThat(FairShare.of(64, Set.of("only"), "only")).isEqualTo(64);
    }

    @Test
    void survivorsTakingADeadInstancesLeasesAtOnceAskMostlyForDifferentOnes() {
        List<String> free =
                IntStream.range(0, 22).mapToObj(i -> "b24sip-shard-" + i).toList();
        Set<String> alive = Set.of("copy-0", "copy-2");
        List<String> first = FairShare.preferred(free, alive, "copy-0").subList(0, 11);
        List<String> second = FairShare.preferred(free, alive, "copy-2").subList(0, 11);
        assertThat(FairShare.preferred(free, alive, "copy-0")).containsExactlyInAnyOrderElementsOf(free);
        // each namespace is the first choice of exactly one instance: 22 split 11/11 would share none; a rank is a
        // hash,
        // so the split is rarely exact, but far from the 11 of 11 that the same order on both would ask for twice
        assertThat(first.stream().filter(second::contains).count()).isLessThanOrEqualTo(3);
    }
}
