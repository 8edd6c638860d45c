/** JMH benchmarks: run with {@code ./mvnw -Pbench -DskipTests package exec:exec -Djmh.args="<Bench> -f 1"}. */
package org.juicetokens.bench;
