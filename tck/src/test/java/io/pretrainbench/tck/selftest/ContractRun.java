package io.pretrainbench.tck.selftest;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The outcome of running one contract test class through the JUnit Platform, as a build would: which inherited tests
 * passed and which failed, and why. Running through the platform (not calling the methods directly) also checks that
 * every check of the kit is really discovered in a subclass.
 *
 * @param passed names of the test methods that passed
 * @param failed names of the test methods that failed or errored, with the cause
 */
record ContractRun(Set<String> passed, Map<String, Throwable> failed) {
    static ContractRun of(Class<?> testClass) {
        Set<String> passed = new TreeSet<>();
        Map<String, Throwable> failed = new TreeMap<>();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(DiscoverySelectors.selectClass(testClass))
                                .build(),
                        new TestExecutionListener() {
                            @Override
                            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                                if (!test.isTest()) {
                                    return;
                                }
                                String name = test.getSource()
                                        .filter(MethodSource.class::isInstance)
                                        .map(s -> ((MethodSource) s).getMethodName())
                                        .orElse(test.getDisplayName());
                                if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                                    passed.add(name);
                                } else {
                                    failed.put(name, result.getThrowable().orElse(null));
                                }
                            }
                        });
        return new ContractRun(passed, failed);
    }

    Set<String> all() {
        Set<String> all = new TreeSet<>(passed);
        all.addAll(failed.keySet());
        return all;
    }
}
