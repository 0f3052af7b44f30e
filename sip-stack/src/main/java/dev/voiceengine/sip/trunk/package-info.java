/** Which trunk an INVITE comes from (CIDR allow-lists) and which agent its dialled number reaches. */
package dev.voiceengine.sip.trunk;
