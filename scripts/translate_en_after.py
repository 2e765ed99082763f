"""English for the strings of issue 18 (delivery, courier, ratings, hand-over), merged into
``translate_en.EN``; kept apart so the big table is not edited by every branch."""

EN_AFTER = {
    "办理结果已寄出": "The result has been sent by courier",
    "办理结果已签收": "The result has been delivered",
    "办理结果已领取": "The result has been collected",
    "已寄出": "Sent by courier",
    "已签收": "Delivered",
    "已交付": "Handed over",
    "办理结果已由 {0} 寄出，快递单号 {1}": "The result was sent by {0}, tracking number {1}",
    "快递": "courier",
    "，已签收": ", delivered",
    "寄出时间：": "Sent on: ",
    "居民已签收。": "The resident has received it. ",
    "办理结果已当面交付。": "The result was handed over at the desk. ",
}
