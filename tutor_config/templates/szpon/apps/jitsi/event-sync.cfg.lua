-- Included by Prosody from conf.d: attendance events (and room reservations when switched on)
-- go to the SZPoN service with the shared bearer token.
Component "event_sync.{{ SZPON_JITSI_XMPP_DOMAIN }}" "event_sync_component"
    muc_component = "muc.{{ SZPON_JITSI_XMPP_DOMAIN }}"
    api_prefix = "http://collab:{{ SZPON_PORT }}/api/v1/jitsi"
    api_headers = { ["Authorization"] = "Bearer {{ SZPON_JITSI_EVENT_SYNC_TOKEN }}"; }
    api_timeout = 10
    api_retry_count = 5
{%- if SZPON_JITSI_RESERVATIONS %}

VirtualHost "{{ SZPON_JITSI_XMPP_DOMAIN }}"
    reservations_api_prefix = "http://collab:{{ SZPON_PORT }}/api/v1/jitsi"
    reservations_api_headers = { ["Authorization"] = "Bearer {{ SZPON_JITSI_EVENT_SYNC_TOKEN }}"; }
{%- endif %}
