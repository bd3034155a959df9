// Provisions N office lines with the official Bitrix24 JS SDK (actions.v2.batchByChunk), its rate limiter set to the
// given bucket. Prints one JSON line: wall time and how the SDK saw the outcome.
// Usage: node provision.mjs <webhookUrl> <n> <burstLimit> <drainRate> <titlePrefix>
import { B24Hook } from '@bitrix24/b24jssdk'

const [url, n, burst, drain, prefix] = process.argv.slice(2)
const b24 = B24Hook.fromWebhookUrl(url, {
  restrictionParams: { rateLimit: { burstLimit: Number(burst), drainRate: Number(drain), adaptiveEnabled: true } }
})
const calls = Array.from({ length: Number(n) }, (_, i) => ['voximplant.sip.add', {
  TYPE: 'office', TITLE: `${prefix}-${i}`, SERVER: 'pbx.example.com', LOGIN: String(i), PASSWORD: `pw${i}`
}])
const started = performance.now()
const result = await b24.actions.v2.batchByChunk.make({ calls, options: { isHaltOnError: false } })
const wallMs = performance.now() - started
console.log(JSON.stringify({ wallMs, success: result.isSuccess, items: (result.getData() || []).length }))
