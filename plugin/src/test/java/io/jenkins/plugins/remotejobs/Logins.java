package io.jenkins.plugins.remotejobs;

import hudson.model.User;
import hudson.security.Permission;
import java.util.Map;
import java.util.function.UnaryOperator;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;

/**
 * Who may do what in a test's Jenkins: dummy logins (a user's password is its name), "admin" with
 * Overall/Administer, the others with what the test grants them; and as whom builds run.
 */
final class Logins {

    private Logins() {}

    /** "admin" administers Jenkins; {@code user} has {@code permissions} everywhere. */
    static void adminAnd(JenkinsRule r, String user, Permission... permissions) {
        adminAnd(r, grants -> grants.grant(permissions).everywhere().to(user));
    }

    /** "admin" administers Jenkins; the others have what {@code others} adds to the grants. */
    static void adminAnd(JenkinsRule r, UnaryOperator<MockAuthorizationStrategy> others) {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(others.apply(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")));
    }

    /** The builds of each project run as the user {@code userByProject} names, not as SYSTEM. */
    static void buildsRunAs(Map<String, String> userByProject) {
        MockQueueItemAuthenticator authenticator = new MockQueueItemAuthenticator();
        userByProject.forEach((project, user) ->
                authenticator.authenticate(project, User.getById(user, true).impersonate2()));
        QueueItemAuthenticatorConfiguration.get().getAuthenticators().add(authenticator);
    }
}
