/**
 * Linux from Java 25 FFM (JDK only): a pure rtnetlink codec under a netns-bound handle, network namespaces, ethtool ioctls (Flow Director), sysfs SR-IOV and vfio binding. Named nativeaccess because native is a Java keyword.
 */
package dev.fastpath.nativeaccess;
