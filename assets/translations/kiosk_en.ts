<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AddressEditor</name>
    <message>
        <source>行政区划代码</source>
        <translation>Administrative division code</translation>
    </message>
    <message>
        <source>详细地址（门牌号等）</source>
        <translation>Street address (house number etc.)</translation>
    </message>
</context>
<context>
    <name>AgentPage</name>
    <message>
        <source>第三步：代办员账号</source>
        <translation>Step 3: agent accounts</translation>
    </message>
    <message>
        <source>至少添加一名代办员。PIN 码为6到12位数字，请代办员本人输入并牢记。</source>
        <translation>Add at least one agent. PINs are 6 to 12 digits; the agent types and remembers their own.</translation>
    </message>
    <message>
        <source>添加账号</source>
        <translation>Add account</translation>
    </message>
    <message>
        <source>已有账号</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>姓名（登录名）</source>
        <translation>Name (login)</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>PIN 码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>再输一次</source>
        <translation>Repeat PIN</translation>
    </message>
    <message>
        <source>两次输入的 PIN 码不一致，请重新输入。</source>
        <translation>The two PINs differ. Please enter them again.</translation>
    </message>
    <message>
        <source>已添加 {0}（{1}）。</source>
        <translation>Added {0} ({1}).</translation>
    </message>
</context>
<context>
    <name>AttachmentsStep</name>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>第五步：扫描或拍摄材料</source>
        <translation>Step 5: scan or photograph materials</translation>
    </message>
    <message>
        <source>原件核验后退回居民的，扫描留存即可；没有扫描仪时可跳过，纸质材料随交接清单送乡镇。</source>
        <translation>Originals checked and returned to the resident only need a scan; without a scanner skip this step, the paper goes to the township with the hand-over list.</translation>
    </message>
    <message>
        <source>已添加 {0} 份文件。</source>
        <translation>{0} files added.</translation>
    </message>
    <message>
        <source>草稿还没有保存好，请稍候再试。</source>
        <translation>The draft is not saved yet; try again in a moment.</translation>
    </message>
    <message>
        <source>正在保存文件…</source>
        <translation>Saving files…</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <source>拍摄材料（高拍仪）</source>
        <translation>Photograph documents (document camera)</translation>
    </message>
    <message>
        <source>摄像头出错：</source>
        <translation>Camera error: </translation>
    </message>
    <message>
        <source>正在打开摄像头…</source>
        <translation>Opening the camera…</translation>
    </message>
    <message>
        <source>把材料平放在高拍仪下，按“拍这一页”（空格键）；多页材料逐页拍，最后按“完成”。</source>
        <translation>Lay the document flat under the camera and press &quot;Take this page&quot; (Space); for several pages take them one by one, then press &quot;Done&quot;.</translation>
    </message>
    <message>
        <source>拍这一页</source>
        <translation>Take this page</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在裁切、摆正…</source>
        <translation>Cropping and straightening…</translation>
    </message>
    <message>
        <source>已拍 {0} 页（已自动裁切，摆正 {1:.1f}°）。继续拍下一页，或按“完成”。</source>
        <translation>{0} page(s) taken (cropped, straightened by {1:.1f}°). Take the next page, or press &quot;Done&quot;.</translation>
    </message>
    <message>
        <source>正在生成 PDF…</source>
        <translation>Making the PDF…</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <source>撤回申请</source>
        <translation>Withdraw application</translation>
    </message>
    <message>
        <source>请填写撤回原因（如：居民决定不办了）。撤回后不能恢复。</source>
        <translation>Give a reason for withdrawing (e.g. the resident changed their mind). This cannot be undone.</translation>
    </message>
    <message>
        <source>确认撤回</source>
        <translation>Confirm withdrawal</translation>
    </message>
    <message>
        <source>确定撤回“{0}”（{1}）吗？撤回后不能恢复，需要时只能重新申请。</source>
        <translation>Withdraw &quot;{0}&quot; ({1})? This cannot be undone; a new application would be needed.</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>另存材料</source>
        <translation>Save material as</translation>
    </message>
</context>
<context>
    <name>CaseListPage</name>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>今日办件</source>
        <translation>Filed today</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>排队待发送</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>发送中</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>发送失败或被退回</source>
        <translation>Failed or sent back</translation>
    </message>
    <message>
        <source>需补齐补正</source>
        <translation>Needs supplement</translation>
    </message>
    <message>
        <source>近7天办结（待交付结果）</source>
        <translation>Completed in the last 7 days (to hand over)</translation>
    </message>
    <message>
        <source>已超承诺时限</source>
        <translation>Past the promised date</translation>
    </message>
    <message>
        <source>状态：</source>
        <translation>Status: </translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>全部事项</source>
        <translation>All items</translation>
    </message>
    <message>
        <source>按日期</source>
        <translation>By date</translation>
    </message>
    <message>
        <source>居民身份证号</source>
        <translation>Resident&apos;s ID number</translation>
    </message>
    <message>
        <source>办件编号或本地受理号（L-…）</source>
        <translation>Case number or local reference (L-…)</translation>
    </message>
    <message>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Look up</translation>
    </message>
    <message>
        <source>清除条件</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>月度统计报表…</source>
        <translation>Monthly statistics…</translation>
    </message>
    <message>
        <source>办件编号 / 本地受理号</source>
        <translation>Case number / local reference</translation>
    </message>
    <message>
        <source>代办员</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>提交时间</source>
        <translation>Filed</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>加载更多</source>
        <translation>Load more</translation>
    </message>
    <message>
        <source>打开办件（Enter）</source>
        <translation>Open case (Enter)</translation>
    </message>
    <message>
        <source>办件查询</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>正在查询…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>没有符合条件的办件。</source>
        <translation>No matching cases.</translation>
    </message>
    <message>
        <source>共 {0} 件，显示 {1} 件</source>
        <translation>{0} cases, {1} shown</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>返回（Esc）</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <source>继续办理</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>补齐补正</source>
        <translation>Supplement</translation>
    </message>
    <message>
        <source>退回修改</source>
        <translation>Correct and resend</translation>
    </message>
    <message>
        <source>居民评价</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>打印回执</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <source>打印委托书</source>
        <translation>Print authorization</translation>
    </message>
    <message>
        <source>打印补正告知书</source>
        <translation>Print supplement notice</translation>
    </message>
    <message>
        <source>交给居民：需要补交的材料和截止日期</source>
        <translation>For the resident: the missing materials and the deadline</translation>
    </message>
    <message>
        <source>撤回…</source>
        <translation>Withdraw…</translation>
    </message>
    <message>
        <source>结果交付</source>
        <translation>Hand over the result</translation>
    </message>
    <message>
        <source>打印交付回执</source>
        <translation>Print the hand-over receipt</translation>
    </message>
    <message>
        <source>更改领取方式…</source>
        <translation>Change how the result is collected…</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>经办</source>
        <translation>By</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>办理过程</source>
        <translation>History</translation>
    </message>
    <message>
        <source>显示完整号码</source>
        <translation>Show full numbers</translation>
    </message>
    <message>
        <source>申请表</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>双击或按 Enter 查看图片；其他文件可另存。</source>
        <translation>Double-click or press Enter to view an image; other files can be saved.</translation>
    </message>
    <message>
        <source>材料</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>结果与评价</source>
        <translation>Result and rating</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>一件事：</source>
        <translation>Life event: </translation>
    </message>
    <message>
        <source>同批办理：</source>
        <translation>Filed together: </translation>
    </message>
    <message>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>本地受理号</source>
        <translation>Local reference</translation>
    </message>
    <message>
        <source>查询密码</source>
        <translation>Query code</translation>
    </message>
    <message>
        <source>代办员</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>提交时间</source>
        <translation>Filed</translation>
    </message>
    <message>
        <source>未提交</source>
        <translation>Not filed</translation>
    </message>
    <message>
        <source>补正 {0} 次</source>
        <translation>Supplemented {0} times</translation>
    </message>
    <message>
        <source>已送往省级平台，本站不能撤回</source>
        <translation>Already sent to the hub; it cannot be withdrawn here</translation>
    </message>
    <message>
        <source>需补齐补正：</source>
        <translation>Needs supplement: </translation>
    </message>
    <message>
        <source>隐藏完整号码</source>
        <translation>Hide full numbers</translation>
    </message>
    <message>
        <source>未能记录查看操作，完整号码不显示。</source>
        <translation>Could not record the viewing, so the full numbers are not shown. </translation>
    </message>
    <message>
        <source>已过保存期限，个人信息已按规定清除。</source>
        <translation>Past the retention period: personal data has been removed as required.</translation>
    </message>
    <message>
        <source>其他材料</source>
        <translation>Other material</translation>
    </message>
    <message>
        <source>没有扫描件或照片。</source>
        <translation>No scans or photos.</translation>
    </message>
    <message>
        <source>办理结果：已办结。</source>
        <translation>Result: completed. </translation>
    </message>
    <message>
        <source>请通知居民领取结果（或按其选择的方式送达）。</source>
        <translation>Tell the resident to collect the result (or deliver it the way they chose).</translation>
    </message>
    <message>
        <source>办理结果已由 {0} 寄出，快递单号 {1}</source>
        <translation>The result was sent by {0}, tracking number {1}</translation>
    </message>
    <message>
        <source>快递</source>
        <translation>courier</translation>
    </message>
    <message>
        <source>寄出时间：</source>
        <translation>Sent on: </translation>
    </message>
    <message>
        <source>居民已签收。</source>
        <translation>The resident has received it. </translation>
    </message>
    <message>
        <source>办理结果已当面交付。</source>
        <translation>The result was handed over at the desk. </translation>
    </message>
    <message>
        <source>办理结果：不予受理。</source>
        <translation>Result: not accepted. </translation>
    </message>
    <message>
        <source>尚未办结。当前状态：</source>
        <translation>Not finished yet. Status: </translation>
    </message>
    <message>
        <source>居民评价：{0}（{1}）</source>
        <translation>Rating: {0} ({1})</translation>
    </message>
    <message>
        <source>意见：</source>
        <translation>Comments: </translation>
    </message>
    <message>
        <source>已报送省级平台</source>
        <translation>Sent to the provincial platform</translation>
    </message>
    <message>
        <source>待报送省级平台</source>
        <translation>Not yet sent to the provincial platform</translation>
    </message>
</context>
<context>
    <name>CatalogPage</name>
    <message>
        <source>第六步：事项目录</source>
        <translation>Step 6: catalog</translation>
    </message>
    <message>
        <source>程序已带有事项目录；联网后会自动更新。没有网络时可从U盘导入目录文件。</source>
        <translation>The app ships with the catalog and updates it when online. Without network, import a catalog file from USB.</translation>
    </message>
    <message>
        <source>从U盘导入目录文件…</source>
        <translation>Import catalog file from USB…</translation>
    </message>
    <message>
        <source>点“完成”后即可用代办员账号登录办理业务。</source>
        <translation>After &quot;Done&quot;, agents can log in and start work.</translation>
    </message>
    <message>
        <source>当前事项目录共 {0} 项。</source>
        <translation>The catalog holds {0} items.</translation>
    </message>
    <message>
        <source>选择目录文件</source>
        <translation>Choose catalog file</translation>
    </message>
    <message>
        <source>目录文件 (*.json *.zip)</source>
        <translation>Catalog files (*.json *.zip)</translation>
    </message>
    <message>
        <source>目录已导入。</source>
        <translation>Catalog imported.</translation>
    </message>
</context>
<context>
    <name>CheckStep</name>
    <message>
        <source>条件与材料</source>
        <translation>Conditions</translation>
    </message>
    <message>
        <source>第三步：核对受理条件和申请材料</source>
        <translation>Step 3: conditions and materials</translation>
    </message>
    <message>
        <source>受理条件（请逐条向居民确认）</source>
        <translation>Conditions (confirm each with the resident)</translation>
    </message>
    <message>
        <source>申请材料（勾选居民已带来的）</source>
        <translation>Materials (tick what the resident brought)</translation>
    </message>
    <message>
        <source>Tab 移动，空格勾选，Ctrl+Enter 下一步。材料不齐时可先保存草稿，居民带齐后从“草稿”继续办理。</source>
        <translation>Tab moves, Space ticks, Ctrl+Enter goes on. If materials are missing, save a draft and continue from &quot;Drafts&quot; when the resident brings them.</translation>
    </message>
    <message>
        <source>本事项没有列出特别的受理条件。</source>
        <translation>This item lists no special conditions.</translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <source>{0} 份</source>
        <translation>copies: {0}</translation>
    </message>
    <message>
        <source>必需</source>
        <translation>required</translation>
    </message>
    <message>
        <source>如有</source>
        <translation>if any</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>本事项不需要另交材料。</source>
        <translation>This item needs no further materials.</translation>
    </message>
    <message>
        <source>还有 {0} 项受理条件未确认。不符合条件的，请向居民说明，不予代办。</source>
        <translation>{0} conditions are not confirmed. If the resident does not qualify, explain why; do not file.</translation>
    </message>
    <message>
        <source>居民还缺必需材料：{0}。可先保存草稿，材料带齐后继续办理。</source>
        <translation>Required materials missing: {0}. Save a draft and continue when they are brought.</translation>
    </message>
</context>
<context>
    <name>ChecksPage</name>
    <message>
        <source>第五步：检查本机</source>
        <translation>Step 5: check this PC</translation>
    </message>
    <message>
        <source>检查数据库、磁盘、系统密钥环，并与省级平台试同步一次。</source>
        <translation>Checks the database, disk and keyring, and syncs once with the provincial platform.</translation>
    </message>
    <message>
        <source>正在与省级平台试同步…</source>
        <translation>Test sync with the provincial platform…</translation>
    </message>
    <message>
        <source>试同步失败：</source>
        <translation>Test sync failed: </translation>
    </message>
    <message>
        <source>与省级平台同步正常。</source>
        <translation>Sync with the provincial platform works.</translation>
    </message>
</context>
<context>
    <name>ChooseBundleStep</name>
    <message>
        <source>搜索一件事：如“出生”“chusheng”“去世”“退休”</source>
        <translation>Search life events, e.g. 出生, chusheng, 去世, 退休</translation>
    </message>
    <message>
        <source>搜索一件事</source>
        <translation>Search life events</translation>
    </message>
    <message>
        <source>一件事列表</source>
        <translation>Life events</translation>
    </message>
    <message>
        <source>第一步：选择要办的一件事</source>
        <translation>Step 1: choose the life event</translation>
    </message>
    <message>
        <source>一件事把同一件事要办的几个事项合在一起：信息只填一次，材料只扫一次，签一次名。</source>
        <translation>A life event files the items it needs together: each answer typed once, each material scanned once, one signature.</translation>
    </message>
    <message>
        <source>没有找到相关的一件事，可以换个说法，或按单个事项新建申请。</source>
        <translation>No life event found. Try other words, or file a single item instead.</translation>
    </message>
    <message>
        <source>（可选）</source>
        <translation> (optional)</translation>
    </message>
    <message>
        <source>（符合条件时）</source>
        <translation> (when eligible)</translation>
    </message>
    <message>
        <source>一次办理：</source>
        <translation>Filed together: </translation>
    </message>
</context>
<context>
    <name>ComplaintsPage</name>
    <message>
        <source>本乡镇各代办点的差评</source>
        <translation>Bad ratings of the township&apos;s village stations</translation>
    </message>
    <message>
        <source>本代办点的差评</source>
        <translation>Bad ratings of this station</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>代办点</source>
        <translation>Proxy point</translation>
    </message>
    <message>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>评价类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>评价</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>处理状态</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>办理期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>处理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>申诉…</source>
        <translation>Appeal…</translation>
    </message>
    <message>
        <source>维持差评…</source>
        <translation>Uphold…</translation>
    </message>
    <message>
        <source>撤销差评…</source>
        <translation>Overturn…</translation>
    </message>
    <message>
        <source>差评由省级平台回访、整改；评价人信息不在本站显示。数据需联网获取。</source>
        <translation>The provincial platform follows bad ratings up; who rated is never shown here. Needs the network.</translation>
    </message>
    <message>
        <source>正在从省级平台获取……</source>
        <translation>Fetching from the provincial platform…</translation>
    </message>
    <message>
        <source>（已超期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <source>共 {0} 条差评。</source>
        <translation>{0} bad ratings.</translation>
    </message>
    <message>
        <source>请先选中一条差评。</source>
        <translation>Select a bad rating first.</translation>
    </message>
    <message>
        <source>申诉</source>
        <translation>Appeal</translation>
    </message>
    <message>
        <source>申诉理由（由乡镇审核人裁定）：</source>
        <translation>Why (the township reviewer decides):</translation>
    </message>
    <message>
        <source>申诉裁定</source>
        <translation>Decide the appeal</translation>
    </message>
    <message>
        <source>裁定理由：</source>
        <translation>Reason for the decision:</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>{0}，您好（{1}）</source>
        <translation>Hello, {0} ({1})</translation>
    </message>
    <message>
        <source>新建申请（Ctrl+N）</source>
        <translation>New application (Ctrl+N)</translation>
    </message>
    <message>
        <source>查找办件（Ctrl+F）</source>
        <translation>Find cases (Ctrl+F)</translation>
    </message>
    <message>
        <source>站点配置向导</source>
        <translation>Setup wizard</translation>
    </message>
    <message>
        <source>站点体检</source>
        <translation>Station check</translation>
    </message>
    <message>
        <source>办件概况</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>今日办件</source>
        <translation>Filed today</translation>
    </message>
    <message>
        <source>草稿（可继续办理）</source>
        <translation>Drafts (to continue)</translation>
    </message>
    <message>
        <source>排队待发送</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>发送中</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>发送失败或被退回</source>
        <translation>Failed or sent back</translation>
    </message>
    <message>
        <source>需补齐补正</source>
        <translation>Needs supplement</translation>
    </message>
    <message>
        <source>办结待交付结果</source>
        <translation>Completed, result to hand over</translation>
    </message>
    <message>
        <source>已超承诺时限</source>
        <translation>Past the promised date</translation>
    </message>
    <message>
        <source>按 F5 立即同步</source>
        <translation>Press F5 to sync now</translation>
    </message>
    <message>
        <source>同步状态</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>尚未同步</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <source>点击打开</source>
        <translation>Click to open</translation>
    </message>
    <message>
        <source>乡镇批次</source>
        <translation>Township batches</translation>
    </message>
    <message>
        <source>导入村级批次、回传办理状态</source>
        <translation>Import village batches, return statuses</translation>
    </message>
    <message>
        <source>请联系居民补材料</source>
        <translation>Contact the resident</translation>
    </message>
    <message>
        <source>最久已等 {0} 天</source>
        <translation>Longest waiting: {0} days</translation>
    </message>
    <message>
        <source>最近一次失败原因：</source>
        <translation>Last failure: </translation>
    </message>
    <message>
        <source>本站点尚未完成配置，办件会先保存在本机，配置完成后自动报送。请技术员登录并运行“站点配置向导”。</source>
        <translation>This station is not set up yet: applications are kept on this PC and sent once it is. A technician should log in and run the setup wizard.</translation>
    </message>
</context>
<context>
    <name>DeliveryChangeDialog</name>
    <message>
        <source>更改结果领取方式</source>
        <translation>Change how the result is collected</translation>
    </message>
    <message>
        <source>办结前可以更改；更改会在下次同步时报送省级平台。</source>
        <translation>Can be changed until the case is completed; the change goes to the provincial platform with the next sync.</translation>
    </message>
</context>
<context>
    <name>DeliveryPanel</name>
    <message>
        <source>结果领取与短信通知</source>
        <translation>Collecting the result, and SMS updates</translation>
    </message>
</context>
<context>
    <name>DevicesDialog</name>
    <message>
        <source>读卡器、热敏打印机、扫码器和高拍仪</source>
        <translation>Card reader, receipt printer, scanner and document camera</translation>
    </message>
    <message>
        <source>厂商读卡库文件，如 C:\reader\Termb.dll</source>
        <translation>Vendor reader library, e.g. C:\reader\Termb.dll</translation>
    </message>
    <message>
        <source>测试读卡</source>
        <translation>Test reading</translation>
    </message>
    <message>
        <source>身份证阅读器</source>
        <translation>ID-card reader</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>端口（串口名，或厂商库端口 1001 起）</source>
        <translation>Port (serial port name, or the vendor library&apos;s port from 1001)</translation>
    </message>
    <message>
        <source>厂商读卡库</source>
        <translation>Vendor library</translation>
    </message>
    <message>
        <source>打印测试页</source>
        <translation>Print test page</translation>
    </message>
    <message>
        <source>热敏小票打印机（ESC/POS，无需驱动）</source>
        <translation>Thermal receipt printer (ESC/POS, no driver needed)</translation>
    </message>
    <message>
        <source>地址（留空：不用）</source>
        <translation>Address (empty: not used)</translation>
    </message>
    <message>
        <source>纸宽</source>
        <translation>Paper width</translation>
    </message>
    <message>
        <source>点这里，然后用扫码器扫任意二维码或条码</source>
        <translation>Click here, then scan any QR code or barcode</translation>
    </message>
    <message>
        <source>扫码器（键盘模式）</source>
        <translation>Scanner (keyboard mode)</translation>
    </message>
    <message>
        <source>打开高拍仪预览</source>
        <translation>Open the camera preview</translation>
    </message>
    <message>
        <source>高拍仪（USB 摄像头）</source>
        <translation>Document camera (USB camera)</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在测试读卡器（请放上一张身份证）…</source>
        <translation>Testing the card reader (place an ID card on it)…</translation>
    </message>
    <message>
        <source>请先填写打印机地址。</source>
        <translation>Enter the printer&apos;s address first.</translation>
    </message>
    <message>
        <source>正在询问打印机状态并打印测试页…</source>
        <translation>Asking the printer&apos;s status and printing a test slip…</translation>
    </message>
    <message>
        <source>扫码器正常：读到 {0} 个字符。</source>
        <translation>Scanner works: {0} characters read.</translation>
    </message>
</context>
<context>
    <name>DoctorView</name>
    <message>
        <source>重新检查</source>
        <translation>Check again</translation>
    </message>
    <message>
        <source>站点体检</source>
        <translation>Station check</translation>
    </message>
    <message>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>待发送 {0} 件</source>
        <translation>{0} waiting to be sent</translation>
    </message>
    <message>
        <source>关键项目正常。</source>
        <translation>The key checks pass.</translation>
    </message>
    <message>
        <source>有项目异常，请按提示处理后重新检查。</source>
        <translation>Some checks fail; fix them as described and check again.</translation>
    </message>
</context>
<context>
    <name>DoneStep</name>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>打印受理回执（Ctrl+P）</source>
        <translation>Print receipt (Ctrl+P)</translation>
    </message>
    <message>
        <source>打印代办委托书</source>
        <translation>Print authorization</translation>
    </message>
    <message>
        <source>查看办件</source>
        <translation>View case</translation>
    </message>
    <message>
        <source>请居民评价本次服务</source>
        <translation>Ask the resident to rate this visit</translation>
    </message>
    <message>
        <source>办理下一位居民（Ctrl+N）</source>
        <translation>Next resident (Ctrl+N)</translation>
    </message>
    <message>
        <source>已提交</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>“{0}”已报送，办件编号：{1}（{2}）。本地受理号：{3}。请打印回执交给居民，并请居民在委托书上确认。</source>
        <translation>&quot;{0}&quot; is sent, case number {1} (status: {2}). Local reference: {3}. Print the receipt for the resident and have them confirm the authorization.</translation>
    </message>
    <message>
        <source>“{0}”已保存并{1}。本地受理号：{2}。联网报送后会得到办件编号和查询密码，回执可在办件页面补打。请把回执交给居民，并请居民在委托书上确认。</source>
        <translation>&quot;{0}&quot; is saved (status: {1}). Local reference: {2}. Once sent it gets a case number and query code; the receipt can be reprinted from the case page. Give the receipt to the resident and have them confirm the authorization.</translation>
    </message>
    <message>
        <source>已记录居民评价，联网时报送省级平台。</source>
        <translation>Rating recorded; it goes to the provincial platform with the next sync.</translation>
    </message>
</context>
<context>
    <name>EvaluatePage</name>
    <message>
        <source>您对这次办事满意吗？请点一个表情。</source>
        <translation>Were you satisfied with this service? Tap a face.</translation>
    </message>
    <message>
        <source>可以再点几个原因（不点也可以）：</source>
        <translation>You may also tap some reasons (optional):</translation>
    </message>
    <message>
        <source>提交评价</source>
        <translation>Submit rating</translation>
    </message>
    <message>
        <source>回到首页</source>
        <translation>Back to start</translation>
    </message>
    <message>
        <source>办件编号：{0}&#x3000;{1}</source>
        <translation>Case number: {0}&#x3000;{1}</translation>
    </message>
    <message>
        <source>这件事还没有报送到政务服务网，暂时不能评价。</source>
        <translation>This case has not reached the government service network yet, so it cannot be rated now.</translation>
    </message>
    <message>
        <source>这件事已经评价过了（{0}）。每件事只能评价一次，谢谢您！</source>
        <translation>This case has already been rated ({0}). Each case can be rated once. Thank you!</translation>
    </message>
    <message>
        <source>谢谢您的评价！您的意见会报送到政务服务网，帮助我们改进服务。</source>
        <translation>Thank you! Your rating goes to the government service network and helps us improve.</translation>
    </message>
    <message>
        <source>暂时不能评价，请稍后再试，或找村代办员帮忙。</source>
        <translation>Rating is not possible right now. Please try later or ask the village agent.</translation>
    </message>
</context>
<context>
    <name>EvaluationDialog</name>
    <message>
        <source>居民评价（好差评） </source>
        <translation>Resident&apos;s rating </translation>
    </message>
    <message>
        <source>请居民本人对这次代办服务作出评价。评价会报送省级平台，用于改进服务。</source>
        <translation>Ask the resident to rate this service. Ratings go to the provincial platform to improve service.</translation>
    </message>
    <message>
        <source>满意程度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <source>原因（可多选）</source>
        <translation>Reasons (several allowed)</translation>
    </message>
    <message>
        <source>态度好</source>
        <translation>Friendly</translation>
    </message>
    <message>
        <source>效率高</source>
        <translation>Efficient</translation>
    </message>
    <message>
        <source>一次办成</source>
        <translation>Done in one visit</translation>
    </message>
    <message>
        <source>态度差</source>
        <translation>Unfriendly</translation>
    </message>
    <message>
        <source>效率低</source>
        <translation>Slow</translation>
    </message>
    <message>
        <source>材料多次补充</source>
        <translation>Asked for materials repeatedly</translation>
    </message>
    <message>
        <source>等待时间长</source>
        <translation>Long wait</translation>
    </message>
    <message>
        <source>流程不清楚</source>
        <translation>Unclear process</translation>
    </message>
    <message>
        <source>意见或建议（可不填，500字以内）</source>
        <translation>Comments (optional, up to 500 characters)</translation>
    </message>
    <message>
        <source>意见或建议</source>
        <translation>Comments</translation>
    </message>
    <message>
        <source>提交评价</source>
        <translation>Submit rating</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请先选择满意程度。</source>
        <translation>Choose a level first.</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>EventFlowPage</name>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>再办一件事</source>
        <translation>Another life event</translation>
    </message>
    <message>
        <source>提交全部事项</source>
        <translation>File all items</translation>
    </message>
    <message>
        <source>请先选择要办的一件事。</source>
        <translation>Choose a life event first.</translation>
    </message>
    <message>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>有 {0} 处需要修改，请按红字提示更正。</source>
        <translation>{0} answers need correcting: see the red notes.</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>已保存，联网后自动报送。</source>
        <translation>Saved; it is sent automatically when online.</translation>
    </message>
    <message>
        <source>还缺以下材料，请扫描后再提交：</source>
        <translation>These materials are missing; scan them, then file again:</translation>
    </message>
</context>
<context>
    <name>EventFormStep</name>
    <message>
        <source>第二步：填写“{0}”的信息（每项只填一次）</source>
        <translation>Step 2: the answers for &quot;{0}&quot; (each asked once)</translation>
    </message>
    <message>
        <source>仅“{0}”需要填写</source>
        <translation>Only for &quot;{0}&quot;</translation>
    </message>
</context>
<context>
    <name>EventMaterialsStep</name>
    <message>
        <source>第三步：扫描材料（每份只扫一次）</source>
        <translation>Step 3: scan the materials (each once)</translation>
    </message>
    <message>
        <source>几个事项都要的材料只扫一次，系统会用于每个需要它的事项。</source>
        <translation>A material several items need is scanned once and used for each of them.</translation>
    </message>
    <message>
        <source>这份材料用于：</source>
        <translation>This material is used for: </translation>
    </message>
    <message>
        <source>已添加 {0} 份文件。</source>
        <translation>{0} files added.</translation>
    </message>
</context>
<context>
    <name>EventReviewStep</name>
    <message>
        <source>第五步：核对后提交</source>
        <translation>Step 5: review and file</translation>
    </message>
    <message>
        <source>打印回执（交给居民）</source>
        <translation>Print the receipt (for the resident)</translation>
    </message>
    <message>
        <source>打印委托书</source>
        <translation>Print authorization</translation>
    </message>
    <message>
        <source>本次一件事的各个办件</source>
        <translation>The cases of this life event</translation>
    </message>
    <message>
        <source>一件事：{0}</source>
        <translation>Life event: {0}</translation>
    </message>
    <message>
        <source>将提交：</source>
        <translation>To be filed: </translation>
    </message>
    <message>
        <source>不办理“{0}”：{1}</source>
        <translation>Not filed: &quot;{0}&quot;: {1}</translation>
    </message>
    <message>
        <source>材料文件 {0} 份（每份只存一次）</source>
        <translation>{0} material files (each stored once)</translation>
    </message>
    <message>
        <source>居民已在屏幕上签名</source>
        <translation>The resident signed on screen</translation>
    </message>
    <message>
        <source>居民在纸质委托书上签字</source>
        <translation>The resident signs the printed authorization</translation>
    </message>
    <message>
        <source>已提交：{0}</source>
        <translation>Filed: {0}</translation>
    </message>
    <message>
        <source>共 {0} 个事项已保存并排队报送，联网后自动报送到省级平台。请打印回执交给居民。</source>
        <translation>{0} items are saved and queued; they go to the provincial platform when online. Print the receipt for the resident.</translation>
    </message>
    <message>
        <source>承诺 {0} 前办结</source>
        <translation>promised by {0}</translation>
    </message>
    <message>
        <source>受理后 {0} 个工作日内办结</source>
        <translation>done within {0} working days of acceptance</translation>
    </message>
    <message>
        <source>即办</source>
        <translation>done on the spot</translation>
    </message>
    <message>
        <source>未办理：{0}（{1}）</source>
        <translation>Not filed: {0} ({1})</translation>
    </message>
</context>
<context>
    <name>EventSignStep</name>
    <message>
        <source>清除重签</source>
        <translation>Clear and sign again</translation>
    </message>
    <message>
        <source>居民不能在屏幕上签名：在打印的委托书上签字或按手印</source>
        <translation>The resident cannot sign on screen: sign or fingerprint the printed authorization</translation>
    </message>
    <message>
        <source>打印委托书（居民签字用）</source>
        <translation>Print the authorization (for the resident to sign)</translation>
    </message>
    <message>
        <source>导入签好字的委托书扫描件…</source>
        <translation>Import the scan of the signed authorization…</translation>
    </message>
    <message>
        <source>第四步：居民签名（一次签名，委托办理以下全部事项）</source>
        <translation>Step 4: the resident signs once, authorizing all of these items</translation>
    </message>
    <message>
        <source>签名只用于本次一件事的委托书和各事项的申请表。</source>
        <translation>The signature is used only for this life event&apos;s authorization and its items&apos; forms.</translation>
    </message>
    <message>
        <source>委托办理：</source>
        <translation>Authorized: </translation>
    </message>
    <message>
        <source>选择签好字的委托书扫描件</source>
        <translation>Choose the scan of the signed authorization</translation>
    </message>
    <message>
        <source>图片或 PDF (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>Images or PDF (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
    <message>
        <source>已添加签字页：{0}</source>
        <translation>Signed page added: {0}</translation>
    </message>
    <message>
        <source>请居民在框内签名；不能签名的，请勾选“在打印的委托书上签字”。</source>
        <translation>Ask the resident to sign in the box; if they cannot, tick &quot;sign the printed authorization&quot;.</translation>
    </message>
    <message>
        <source>请打印委托书，居民签字或按手印后扫描，再导入签字页。</source>
        <translation>Print the authorization; once signed or fingerprinted, scan it and import the signed page.</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>18位身份证号</source>
        <translation>18-character ID number</translation>
    </message>
    <message>
        <source>11位手机号码</source>
        <translation>11-digit mobile number</translation>
    </message>
    <message>
        <source>18位统一社会信用代码</source>
        <translation>18-character unified social credit code</translation>
    </message>
    <message>
        <source>银行卡号</source>
        <translation>Bank card number</translation>
    </message>
</context>
<context>
    <name>FileEditor</name>
    <message>
        <source>选择签名图片…</source>
        <translation>Choose signature image…</translation>
    </message>
    <message>
        <source>添加文件…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>FormStep</name>
    <message>
        <source>填写表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>第四步：填写申请表</source>
        <translation>Step 4: the form</translation>
    </message>
    <message>
        <source>带 * 的为必填项。Enter 到下一项；填完最后一项按 Enter 进入下一步。</source>
        <translation>Fields marked * are required. Enter moves to the next field; Enter in the last one goes on.</translation>
    </message>
    <message>
        <source>第四步：填写申请表 · {0}</source>
        <translation>Step 4: the form · {0}</translation>
    </message>
    <message>
        <source>表单有 {0} 处需要修改，请按红字提示更正。</source>
        <translation>{0} fields need correcting; see the red notes.</translation>
    </message>
</context>
<context>
    <name>GroupEditor</name>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>一行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>GuideBrowsePage</name>
    <message>
        <source>按人生事件</source>
        <translation>By life event</translation>
    </message>
    <message>
        <source>按主题</source>
        <translation>By theme</translation>
    </message>
    <message>
        <source>全部事项</source>
        <translation>All items</translation>
    </message>
    <message>
        <source>您遇到了什么事？点一下看要办的事项</source>
        <translation>What is happening in your life? Tap to see the services</translation>
    </message>
    <message>
        <source>按主题查找：点一下看这个主题下的事项</source>
        <translation>By theme: tap a theme to see its services</translation>
    </message>
    <message>
        <source>{0}
{1} 项</source>
        <translation>{0}
services: {1}</translation>
    </message>
    <message>
        <source>{0}，{1} 个事项</source>
        <translation>{0}, services: {1}</translation>
    </message>
    <message>
        <source>全部事项（{0} 项）</source>
        <translation>All services ({0})</translation>
    </message>
    <message>
        <source>{0}：{1} 项</source>
        <translation>{0} (services: {1})</translation>
    </message>
</context>
<context>
    <name>GuidePage</name>
    <message>
        <source>本指南的二维码</source>
        <translation>QR code of this guide</translation>
    </message>
    <message>
        <source>用手机扫一扫，把指南带回家</source>
        <translation>Scan with your phone to take this guide home</translation>
    </message>
    <message>
        <source>朗读指南</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <source>停止朗读</source>
        <translation>Stop reading</translation>
    </message>
    <message>
        <source>打印本指南</source>
        <translation>Print this guide</translation>
    </message>
    <message>
        <source>这台终端没有安装朗读功能（语音引擎），请找工作人员帮忙。</source>
        <translation>This terminal has no speech engine installed. Please ask the staff for help.</translation>
    </message>
    <message>
        <source>正在朗读……点“停止朗读”可以随时停下。</source>
        <translation>Reading aloud… Tap “Stop reading” at any time.</translation>
    </message>
    <message>
        <source>正在打印，请稍等……</source>
        <translation>Printing, please wait…</translation>
    </message>
    <message>
        <source>已打印，请在打印机出口取走。</source>
        <translation>Printed. Please take the paper from the printer.</translation>
    </message>
    <message>
        <source>打印机没有准备好，没能打印。请找工作人员帮忙。</source>
        <translation>The printer is not ready, nothing was printed. Please ask the staff for help.</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>结果交付 </source>
        <translation>Hand over the result </translation>
    </message>
    <message>
        <source>本人领取</source>
        <translation>Collected by the resident</translation>
    </message>
    <message>
        <source>他人代领</source>
        <translation>Collected by a proxy</translation>
    </message>
    <message>
        <source>领取人姓名</source>
        <translation>Name of the person collecting</translation>
    </message>
    <message>
        <source>读取代领人身份证</source>
        <translation>Read the proxy&apos;s ID card</translation>
    </message>
    <message>
        <source>已核验代领人身份证原件</source>
        <translation>The proxy&apos;s ID card was checked</translation>
    </message>
    <message>
        <source>代领人姓名</source>
        <translation>Proxy&apos;s name</translation>
    </message>
    <message>
        <source>代领人身份证号</source>
        <translation>Proxy&apos;s ID number</translation>
    </message>
    <message>
        <source>本事项不允许电子签名：已在纸质回执上签名</source>
        <translation>No electronic signature for this item: signed on paper</translation>
    </message>
    <message>
        <source>确认交付并打印回执</source>
        <translation>Confirm and print the receipt</translation>
    </message>
    <message>
        <source>请领取人在下方签名：</source>
        <translation>Please sign below:</translation>
    </message>
    <message>
        <source>没有读到身份证，请把身份证放在读卡器上再试。</source>
        <translation>No ID card was read; place it on the reader and try again.</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>村（社区）自助服务</source>
        <translation>Village self-service</translation>
    </message>
    <message>
        <source>请点一下您要办的事</source>
        <translation>Tap what you would like to do</translation>
    </message>
    <message>
        <source>查办事指南</source>
        <translation>Guides</translation>
    </message>
    <message>
        <source>搜索事项</source>
        <translation>Search items</translation>
    </message>
    <message>
        <source>查办件进度</source>
        <translation>My case</translation>
    </message>
    <message>
        <source>评价服务</source>
        <translation>Rate us</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>按人生事件或主题查找办事指南</source>
        <translation>Find service guides by life event or theme</translation>
    </message>
    <message>
        <source>用拼音或首字母搜索事项</source>
        <translation>Search services with pinyin or initials</translation>
    </message>
    <message>
        <source>用回执上的办件编号和查询码查进度</source>
        <translation>Check progress with the case number and query code on your receipt</translation>
    </message>
    <message>
        <source>给办过的事打分（好差评）</source>
        <translation>Rate a service you used</translation>
    </message>
    <message>
        <source>打印办事指南或办件进度</source>
        <translation>Print a service guide or your case progress</translation>
    </message>
    <message>
        <source>文字大小：</source>
        <translation>Text size:</translation>
    </message>
    <message>
        <source>标准</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>大</source>
        <translation>Large</translation>
    </message>
    <message>
        <source>特大</source>
        <translation>Extra large</translation>
    </message>
    <message>
        <source>文字大小：{0}</source>
        <translation>Text size: {0}</translation>
    </message>
    <message>
        <source>高对比度</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <source>需要帮助请找村代办员。为保护您的隐私，{0} 秒无人操作会自动清除并回到首页。</source>
        <translation>Need help? Ask the village agent. To protect your privacy, the screen is cleared after {0} seconds without use.</translation>
    </message>
</context>
<context>
    <name>HubPage</name>
    <message>
        <source>第二步：连接省级平台并注册</source>
        <translation>Step 2: connect and enroll</translation>
    </message>
    <message>
        <source>填写县级管理员提供的平台地址和一次性注册码。设备凭证会保存在系统密钥环中。</source>
        <translation>Enter the platform address and the one-time enrollment code from the county administrator. The device credential is kept in the system keyring.</translation>
    </message>
    <message>
        <source>可不填（平台使用公共证书时）</source>
        <translation>Optional (when the platform uses a public certificate)</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>注册本站点</source>
        <translation>Enroll this station</translation>
    </message>
    <message>
        <source>平台地址</source>
        <translation>Platform address</translation>
    </message>
    <message>
        <source>CA 证书文件</source>
        <translation>CA certificate file</translation>
    </message>
    <message>
        <source>注册码</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <source>本站点已注册（设备 {0}）。如需重新注册，请输入新的注册码。</source>
        <translation>This station is enrolled (device {0}). To enroll again, enter a new code.</translation>
    </message>
    <message>
        <source>选择 CA 证书</source>
        <translation>Choose CA certificate</translation>
    </message>
    <message>
        <source>证书 (*.pem *.crt *.cer)</source>
        <translation>Certificates (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>找不到 CA 证书文件，请重新选择。</source>
        <translation>CA certificate file not found; choose it again.</translation>
    </message>
    <message>
        <source>请输入注册码。</source>
        <translation>Enter the enrollment code.</translation>
    </message>
    <message>
        <source>正在连接省级平台并注册…</source>
        <translation>Connecting to the provincial platform and enrolling…</translation>
    </message>
    <message>
        <source>注册成功（设备 {0}），设备凭证已存入密钥环。</source>
        <translation>Enrolled (device {0}); the device credential is in the keyring.</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <source>我还在用，继续</source>
        <translation>I am still here</translation>
    </message>
    <message>
        <source>很久没有操作了。为保护您的隐私，{0} 秒后将清除本页内容并回到首页。</source>
        <translation>No one has touched the screen for a while. To protect your privacy, it will be cleared in {0} seconds.</translation>
    </message>
</context>
<context>
    <name>ItemPicker</name>
    <message>
        <source>按主题或人生事项浏览</source>
        <translation>Browse by theme or life event</translation>
    </message>
    <message>
        <source>全部事项</source>
        <translation>All items</translation>
    </message>
    <message>
        <source>本代办点可受理的事项</source>
        <translation>Items this point accepts</translation>
    </message>
    <message>
        <source>人生事项 › </source>
        <translation>Life events › </translation>
    </message>
    <message>
        <source>搜索事项：汉字、拼音或首字母</source>
        <translation>Search items: Chinese, pinyin or initials</translation>
    </message>
    <message>
        <source>搜索事项</source>
        <translation>Search items</translation>
    </message>
    <message>
        <source>事项列表</source>
        <translation>Service items</translation>
    </message>
    <message>
        <source>选择办理事项</source>
        <translation>Choose the service item</translation>
    </message>
    <message>
        <source>找到 {0} 个事项</source>
        <translation>{0} items found</translation>
    </message>
    <message>
        <source>没有找到，换个说法试试（如“低保”“养老”“残疾证”）</source>
        <translation>Nothing found; try other words (e.g. “低保”, “养老”, “残疾证”)</translation>
    </message>
</context>
<context>
    <name>ItemStep</name>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>搜索事项：汉字、拼音或首字母，如“养老”“yl”</source>
        <translation>Search items: Chinese, pinyin or initials, e.g. 养老 or yl</translation>
    </message>
    <message>
        <source>搜索事项</source>
        <translation>Search items</translation>
    </message>
    <message>
        <source>按主题</source>
        <translation>By theme</translation>
    </message>
    <message>
        <source>全部主题</source>
        <translation>All themes</translation>
    </message>
    <message>
        <source>按人生事件</source>
        <translation>By life event</translation>
    </message>
    <message>
        <source>全部人生事件</source>
        <translation>All life events</translation>
    </message>
    <message>
        <source>事项列表</source>
        <translation>Service items</translation>
    </message>
    <message>
        <source>第二步：选择办理事项</source>
        <translation>Step 2: choose the item</translation>
    </message>
    <message>
        <source>↑↓ 选择，Enter 确认</source>
        <translation>↑↓ to choose, Enter to confirm</translation>
    </message>
    <message>
        <source>【一件事】{0}：几个事项一次办</source>
        <translation>[Life event] {0}: several items in one visit</translation>
    </message>
    <message>
        <source>（不可代办，请引导居民到窗口办理）</source>
        <translation> (no proxy filing: send the resident to the service window)</translation>
    </message>
    <message>
        <source>没有找到相关事项，请换个说法，或用拼音首字母。</source>
        <translation>No item found; try other words or pinyin initials.</translation>
    </message>
    <message>
        <source>请先选择要办理的事项。</source>
        <translation>Choose an item first.</translation>
    </message>
</context>
<context>
    <name>KioskGuide</name>
    <message>
        <source>基本信息</source>
        <translation>Basics</translation>
    </message>
    <message>
        <source>谁可以办（受理条件）</source>
        <translation>Who can apply (conditions)</translation>
    </message>
    <message>
        <source>要带的材料（材料清单）</source>
        <translation>What to bring (checklist)</translation>
    </message>
    <message>
        <source>怎么办（办理流程）</source>
        <translation>How it works (steps)</translation>
    </message>
    <message>
        <source>去哪里办</source>
        <translation>Where to go</translation>
    </message>
    <message>
        <source>设定依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>办理部门：{0}</source>
        <translation>Handled by: {0}</translation>
    </message>
    <message>
        <source>承诺时限：{0} 个工作日</source>
        <translation>Promised time: {0} working days</translation>
    </message>
    <message>
        <source>承诺时限：当场办结</source>
        <translation>Promised time: done on the spot</translation>
    </message>
    <message>
        <source>收费：{0}</source>
        <translation>Fee: {0}</translation>
    </message>
    <message>
        <source>收费：不收费</source>
        <translation>Fee: free of charge</translation>
    </message>
    <message>
        <source>可以请村代办员代办</source>
        <translation>The village agent can apply for you</translation>
    </message>
    <message>
        <source>办好后：{0}</source>
        <translation>When done: {0}</translation>
    </message>
    <message>
        <source>地点：{0}</source>
        <translation>Place: {0}</translation>
    </message>
    <message>
        <source>时间：{0}</source>
        <translation>Hours: {0}</translation>
    </message>
    <message>
        <source>咨询电话：{0}</source>
        <translation>Phone: {0}</translation>
    </message>
    <message>
        <source>{0}（{1} {2} 份）</source>
        <translation>{0} ({1}, copies: {2})</translation>
    </message>
    <message>
        <source>必须</source>
        <translation>required</translation>
    </message>
    <message>
        <source>如有</source>
        <translation>if any</translation>
    </message>
    <message>
        <source>不需要带材料</source>
        <translation>Nothing to bring</translation>
    </message>
    <message>
        <source>第 {0} 步：{1}</source>
        <translation>Step {0}: {1}</translation>
    </message>
    <message>
        <source>办事指南：{0}</source>
        <translation>Service guide: {0}</translation>
    </message>
    <message>
        <source>材料：{0}</source>
        <translation>Bring: {0}</translation>
    </message>
    <message>
        <source>等</source>
        <translation> and more</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>本指南由自助终端打印，以办理窗口最新要求为准。</source>
        <translation>Printed at the self-service terminal; the service counter&apos;s current requirements prevail.</translation>
    </message>
</context>
<context>
    <name>KioskItems</name>
    <message>
        <source>{0} 个工作日办好</source>
        <translation>done in {0} working days</translation>
    </message>
    <message>
        <source>当场办好</source>
        <translation>done on the spot</translation>
    </message>
</context>
<context>
    <name>KioskShell</name>
    <message>
        <source>村（社区）自助服务终端</source>
        <translation>Village self-service terminal</translation>
    </message>
    <message>
        <source>首页</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>查办事指南</source>
        <translation>Guides</translation>
    </message>
    <message>
        <source>搜索事项</source>
        <translation>Search items</translation>
    </message>
    <message>
        <source>评价服务</source>
        <translation>Rate us</translation>
    </message>
    <message>
        <source>查办件进度</source>
        <translation>My case</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>办事指南</source>
        <translation>Service guide</translation>
    </message>
    <message>
        <source>技术员</source>
        <translation>Technician</translation>
    </message>
</context>
<context>
    <name>KioskWords</name>
    <message>
        <source>代办点已收件，等待报送</source>
        <translation>Received at the village point, waiting to be sent</translation>
    </message>
    <message>
        <source>正在报送</source>
        <translation>Being sent</translation>
    </message>
    <message>
        <source>已报送到政务服务网，等待受理</source>
        <translation>Sent to the government service network, waiting to be accepted</translation>
    </message>
    <message>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>需要补充材料，请联系村代办员</source>
        <translation>More documents are needed, please contact the village agent</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>不予受理，请联系村代办员了解原因</source>
        <translation>Not accepted, please ask the village agent why</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>办理结果已寄出</source>
        <translation>The result has been sent by courier</translation>
    </message>
    <message>
        <source>办理结果已签收</source>
        <translation>The result has been delivered</translation>
    </message>
    <message>
        <source>办理结果已领取</source>
        <translation>The result has been collected</translation>
    </message>
    <message>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <source>态度好</source>
        <translation>Friendly</translation>
    </message>
    <message>
        <source>效率高</source>
        <translation>Efficient</translation>
    </message>
    <message>
        <source>一次办成</source>
        <translation>Done in one visit</translation>
    </message>
    <message>
        <source>态度差</source>
        <translation>Unfriendly</translation>
    </message>
    <message>
        <source>效率低</source>
        <translation>Slow</translation>
    </message>
    <message>
        <source>材料多次补充</source>
        <translation>Asked for materials repeatedly</translation>
    </message>
    <message>
        <source>等待时间长</source>
        <translation>Long wait</translation>
    </message>
    <message>
        <source>流程不清楚</source>
        <translation>Unclear process</translation>
    </message>
    <message>
        <source>养老</source>
        <translation>Old age</translation>
    </message>
    <message>
        <source>就业</source>
        <translation>Work</translation>
    </message>
    <message>
        <source>生育</source>
        <translation>Having a baby</translation>
    </message>
    <message>
        <source>出生</source>
        <translation>Birth</translation>
    </message>
    <message>
        <source>医疗</source>
        <translation>Health care</translation>
    </message>
    <message>
        <source>就医</source>
        <translation>Seeing a doctor</translation>
    </message>
    <message>
        <source>教育</source>
        <translation>Education</translation>
    </message>
    <message>
        <source>上学</source>
        <translation>Going to school</translation>
    </message>
    <message>
        <source>住房</source>
        <translation>Housing</translation>
    </message>
    <message>
        <source>建房</source>
        <translation>Building a house</translation>
    </message>
    <message>
        <source>婚姻</source>
        <translation>Marriage</translation>
    </message>
    <message>
        <source>身后事</source>
        <translation>After a death</translation>
    </message>
    <message>
        <source>残疾</source>
        <translation>Disability</translation>
    </message>
    <message>
        <source>残疾人</source>
        <translation>People with disabilities</translation>
    </message>
    <message>
        <source>救助</source>
        <translation>Hardship support</translation>
    </message>
    <message>
        <source>社会救助</source>
        <translation>Social assistance</translation>
    </message>
    <message>
        <source>户籍</source>
        <translation>Household registration</translation>
    </message>
    <message>
        <source>户籍身份</source>
        <translation>Registration and ID</translation>
    </message>
    <message>
        <source>农业</source>
        <translation>Farming</translation>
    </message>
    <message>
        <source>务农</source>
        <translation>Farm work</translation>
    </message>
    <message>
        <source>农业农村</source>
        <translation>Agriculture and rural affairs</translation>
    </message>
    <message>
        <source>社会保障</source>
        <translation>Social security</translation>
    </message>
    <message>
        <source>社保</source>
        <translation>Social insurance</translation>
    </message>
    <message>
        <source>医疗保障</source>
        <translation>Medical insurance</translation>
    </message>
    <message>
        <source>卫生健康</source>
        <translation>Health</translation>
    </message>
    <message>
        <source>民政</source>
        <translation>Civil affairs</translation>
    </message>
    <message>
        <source>退役军人</source>
        <translation>Veterans</translation>
    </message>
    <message>
        <source>优待抚恤</source>
        <translation>Veterans&apos; benefits</translation>
    </message>
    <message>
        <source>交通出行</source>
        <translation>Transport</translation>
    </message>
    <message>
        <source>证明开具</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <source>屏幕已锁定</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <source>切换用户</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <source>请由本人解锁，或选择“切换用户”。</source>
        <translation>Unlock as yourself, or choose &quot;Switch user&quot;.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>村级代办 · 登录</source>
        <translation>Village Proxy · Log in</translation>
    </message>
</context>
<context>
    <name>LoginPanel</name>
    <message>
        <source>村（社区）代办点</source>
        <translation>Village (community) proxy-service point</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>PIN 码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>正在打开本站数据，请稍候…</source>
        <translation>Opening the station, one moment…</translation>
    </message>
    <message>
        <source>请输入用户名和 PIN 码。</source>
        <translation>Enter user name and PIN.</translation>
    </message>
    <message>
        <source>正在打开本站数据，打开后自动登录…</source>
        <translation>Opening the station; you will be logged in when it is open…</translation>
    </message>
    <message>
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>LookupPage</name>
    <message>
        <source>请输入回执上的办件编号和查询码，或把回执上的二维码对准扫码器扫一下。</source>
        <translation>Enter the case number and query code from your receipt, or hold the receipt&apos;s QR code under the scanner.</translation>
    </message>
    <message>
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>回执上的办件编号</source>
        <translation>Case number from the receipt</translation>
    </message>
    <message>
        <source>查询码</source>
        <translation>Query code</translation>
    </message>
    <message>
        <source>回执上的查询码</source>
        <translation>Query code from the receipt</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Look up</translation>
    </message>
    <message>
        <source>下一项</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>办理经过</source>
        <translation>Progress so far</translation>
    </message>
    <message>
        <source>评价这件事</source>
        <translation>Rate this case</translation>
    </message>
    <message>
        <source>打印进度</source>
        <translation>Print progress</translation>
    </message>
    <message>
        <source>查另一件</source>
        <translation>Another case</translation>
    </message>
    <message>
        <source>要评价哪件事？请先输入回执上的办件编号和查询码，或扫一下回执上的二维码。</source>
        <translation>Which case would you like to rate? Enter the case number and query code from your receipt, or scan its QR code.</translation>
    </message>
    <message>
        <source>请把办件编号和查询码都填上。</source>
        <translation>Please enter both the case number and the query code.</translation>
    </message>
    <message>
        <source>正在查询……</source>
        <translation>Looking up…</translation>
    </message>
    <message>
        <source>没有查到。请核对回执上的办件编号和查询码，再试一次。</source>
        <translation>Nothing found. Please check the case number and query code on your receipt and try again.</translation>
    </message>
    <message>
        <source>暂时查不了，请稍后再试，或找村代办员帮忙。</source>
        <translation>Looking up is not possible right now. Please try later or ask the village agent.</translation>
    </message>
    <message>
        <source>查询次数太多，请 {0} 秒后再试，或找村代办员帮忙。</source>
        <translation>Too many attempts. Please try again in {0} seconds or ask the village agent.</translation>
    </message>
    <message>
        <source>{0}，预计 {1} 前办结</source>
        <translation>{0}, expected to be done by {1}</translation>
    </message>
    <message>
        <source>办理结果已由 {0} 寄出，快递单号 {1}</source>
        <translation>The result was sent by {0}, tracking number {1}</translation>
    </message>
    <message>
        <source>快递</source>
        <translation>courier</translation>
    </message>
    <message>
        <source>，已签收</source>
        <translation>, delivered</translation>
    </message>
    <message>
        <source>{0}：共 {1} 项，已办结 {2} 项</source>
        <translation>{0}: {1} items, {2} finished</translation>
    </message>
    <message>
        <source>M月d日</source>
        <translation>d MMMM</translation>
    </message>
    <message>
        <source>M月d日 HH:mm</source>
        <translation>d MMM HH:mm</translation>
    </message>
    <message>
        <source>申请人：{0}</source>
        <translation>Applicant: {0}</translation>
    </message>
    <message>
        <source>办件编号：{0}</source>
        <translation>Case number: {0}</translation>
    </message>
    <message>
        <source>办件进度</source>
        <translation>Case progress</translation>
    </message>
    <message>
        <source>正在打印，请稍等……</source>
        <translation>Printing, please wait…</translation>
    </message>
    <message>
        <source>已打印，请在打印机出口取走。</source>
        <translation>Printed. Please take the paper from the printer.</translation>
    </message>
    <message>
        <source>打印机没有准备好，没能打印。请找工作人员帮忙。</source>
        <translation>The printer is not ready, nothing was printed. Please ask the staff for help.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>村级代办 Kiosk</source>
        <translation>Village Proxy Kiosk</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>导航</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>工作台（Ctrl+1）</source>
        <translation>Dashboard (Ctrl+1)</translation>
    </message>
    <message>
        <source>办件查询（Ctrl+F）</source>
        <translation>Cases (Ctrl+F)</translation>
    </message>
    <message>
        <source>新建申请（Ctrl+N）</source>
        <translation>New application (Ctrl+N)</translation>
    </message>
    <message>
        <source>一件事（Ctrl+E）</source>
        <translation>Life event (Ctrl+E)</translation>
    </message>
    <message>
        <source>U盘批次</source>
        <translation>USB batches</translation>
    </message>
    <message>
        <source>乡镇批次</source>
        <translation>Township batches</translation>
    </message>
    <message>
        <source>差评处理</source>
        <translation>Bad ratings</translation>
    </message>
    <message>
        <source>站点配置向导</source>
        <translation>Setup wizard</translation>
    </message>
    <message>
        <source>站点体检</source>
        <translation>Station check</translation>
    </message>
    <message>
        <source>代办点</source>
        <translation>Proxy point</translation>
    </message>
    <message>
        <source>长时间没有操作，已自动锁定。</source>
        <translation>Locked after a while without use.</translation>
    </message>
    <message>
        <source>立即同步（F5）</source>
        <translation>Sync now (F5)</translation>
    </message>
    <message>
        <source>锁定（Ctrl+L）</source>
        <translation>Lock (Ctrl+L)</translation>
    </message>
    <message>
        <source>退出登录</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>文字：</source>
        <translation>Text:</translation>
    </message>
    <message>
        <source>标准</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>大</source>
        <translation>Large</translation>
    </message>
    <message>
        <source>未配置站点</source>
        <translation>Station not set up</translation>
    </message>
</context>
<context>
    <name>MaterialFiles</name>
    <message>
        <source>这份文件是哪项材料</source>
        <translation>Which material this file is</translation>
    </message>
    <message>
        <source>导入扫描件或照片…（Ctrl+O）</source>
        <translation>Import scan or photo… (Ctrl+O)</translation>
    </message>
    <message>
        <source>拍照…</source>
        <translation>Photo…</translation>
    </message>
    <message>
        <source>也可以把扫描好的文件直接拖到这里</source>
        <translation>You can also drag scanned files here</translation>
    </message>
    <message>
        <source>已添加的材料文件</source>
        <translation>Files added</translation>
    </message>
    <message>
        <source>移除所选文件</source>
        <translation>Remove selected file</translation>
    </message>
    <message>
        <source>材料</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>其他材料</source>
        <translation>Other material</translation>
    </message>
    <message>
        <source>{0}：{1}（{2}）</source>
        <translation>{0}: {1} ({2})</translation>
    </message>
    <message>
        <source>选择扫描件或照片</source>
        <translation>Choose scans or photos</translation>
    </message>
    <message>
        <source>图片或 PDF (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.gif *.webp *.pdf)</source>
        <translation>Images or PDF (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.gif *.webp *.pdf)</translation>
    </message>
    <message>
        <source>只能添加图片或 PDF 文件，未添加：</source>
        <translation>Only images or PDF files can be added; not added: </translation>
    </message>
</context>
<context>
    <name>Materials</name>
    <message>
        <source>户口簿</source>
        <translation>Household register</translation>
    </message>
    <message>
        <source>农村宅基地和建房（规划许可）申请表</source>
        <translation>Application form for rural homestead and house building (planning permit)</translation>
    </message>
    <message>
        <source>农村宅基地使用承诺书（全体家庭成员签字）</source>
        <translation>Rural homestead use pledge (signed by every household member)</translation>
    </message>
    <message>
        <source>房屋建筑设计图或通用图</source>
        <translation>House design drawings or standard plans</translation>
    </message>
    <message>
        <source>原宅基地退出协议</source>
        <translation>Agreement to give up the old homestead</translation>
    </message>
    <message>
        <source>相邻权利人意见</source>
        <translation>Neighbours&apos; opinions</translation>
    </message>
    <message>
        <source>居民身份证</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <source>经营场所使用证明（房产证明或租赁协议）</source>
        <translation>Proof of use of the business premises (title deed or lease)</translation>
    </message>
    <message>
        <source>家庭成员身份证</source>
        <translation>Household members&apos; ID cards</translation>
    </message>
    <message>
        <source>个体工商户登记（备案）申请书（经营者签字）</source>
        <translation>Individual business registration (filing) application (signed by the operator)</translation>
    </message>
    <message>
        <source>家庭成员收入情况说明（申请人签字）</source>
        <translation>Statement of household members&apos; income (signed by the applicant)</translation>
    </message>
    <message>
        <source>残疾人证</source>
        <translation>Disability certificate</translation>
    </message>
    <message>
        <source>病历、诊断证明</source>
        <translation>Medical records, diagnosis certificate</translation>
    </message>
    <message>
        <source>家庭经济状况核对授权书（全体家庭成员签字）</source>
        <translation>Authorisation to check household finances (signed by every household member)</translation>
    </message>
    <message>
        <source>低保申请书（申请人签字）</source>
        <translation>Minimum living allowance application (signed by the applicant)</translation>
    </message>
    <message>
        <source>银行卡或社会保障卡</source>
        <translation>Bank card or social security card</translation>
    </message>
    <message>
        <source>法定义务人无履行能力的证明材料</source>
        <translation>Proof that the legally obliged supporters cannot support</translation>
    </message>
    <message>
        <source>特困人员救助供养申请书（申请人签字）</source>
        <translation>Application for support of persons in extreme poverty (signed by the applicant)</translation>
    </message>
    <message>
        <source>医疗费用票据、诊断证明</source>
        <translation>Medical bills, diagnosis certificate</translation>
    </message>
    <message>
        <source>事故、火灾等情况证明</source>
        <translation>Proof of the accident, fire or similar</translation>
    </message>
    <message>
        <source>临时救助申请书（申请人签字）</source>
        <translation>Temporary assistance application (signed by the applicant)</translation>
    </message>
    <message>
        <source>第二代残疾人证</source>
        <translation>Second-generation disability certificate</translation>
    </message>
    <message>
        <source>低保、低保边缘等困难家庭证明</source>
        <translation>Proof of hardship (minimum allowance, near-minimum-allowance household etc.)</translation>
    </message>
    <message>
        <source>两项补贴申请审批表（申请人或监护人签字）</source>
        <translation>Application form for the two disability subsidies (signed by the applicant or guardian)</translation>
    </message>
    <message>
        <source>老人本人或代领人银行卡</source>
        <translation>Bank card of the elderly person or of the proxy collector</translation>
    </message>
    <message>
        <source>代领人身份证</source>
        <translation>Proxy collector&apos;s ID card</translation>
    </message>
    <message>
        <source>高龄津贴申请表（老人或代领人签字）</source>
        <translation>Old-age allowance application (signed by the elderly person or the proxy)</translation>
    </message>
    <message>
        <source>结婚证</source>
        <translation>Marriage certificate</translation>
    </message>
    <message>
        <source>子女死亡证明</source>
        <translation>Child&apos;s death certificate</translation>
    </message>
    <message>
        <source>奖励扶助对象确认申请表（申请人签字）</source>
        <translation>Application to confirm family-planning reward support (signed by the applicant)</translation>
    </message>
    <message>
        <source>医疗费用发票</source>
        <translation>Medical invoices</translation>
    </message>
    <message>
        <source>出院小结或诊断证明</source>
        <translation>Discharge summary or diagnosis certificate</translation>
    </message>
    <message>
        <source>医保结算单</source>
        <translation>Medical insurance settlement statement</translation>
    </message>
    <message>
        <source>家庭经济状况核对授权书</source>
        <translation>Authorisation to check household finances</translation>
    </message>
    <message>
        <source>医疗救助申请表（申请人签字）</source>
        <translation>Medical assistance application (signed by the applicant)</translation>
    </message>
    <message>
        <source>儿童户口簿</source>
        <translation>Child&apos;s household register</translation>
    </message>
    <message>
        <source>监护人居民身份证</source>
        <translation>Guardian&apos;s resident ID card</translation>
    </message>
    <message>
        <source>父母死亡证明或宣告失踪的法律文书</source>
        <translation>Parents&apos; death certificates or court declaration of disappearance</translation>
    </message>
    <message>
        <source>基本生活费申请表（监护人签字）</source>
        <translation>Basic living allowance application (signed by the guardian)</translation>
    </message>
    <message>
        <source>父母重残、重病、服刑、失联等情况证明</source>
        <translation>Proof that the parents are severely disabled, seriously ill, in prison, missing etc.</translation>
    </message>
    <message>
        <source>逝者居民身份证或户口簿</source>
        <translation>Deceased&apos;s resident ID card or household register</translation>
    </message>
    <message>
        <source>火化证明</source>
        <translation>Cremation certificate</translation>
    </message>
    <message>
        <source>死亡医学证明或死亡证明</source>
        <translation>Medical certificate of death or death certificate</translation>
    </message>
    <message>
        <source>申请人居民身份证</source>
        <translation>Applicant&apos;s resident ID card</translation>
    </message>
    <message>
        <source>惠民殡葬补助申请表（申请人签字）</source>
        <translation>Funeral subsidy application (signed by the applicant)</translation>
    </message>
    <message>
        <source>困难身份证明（低保证、特困证等）</source>
        <translation>Proof of hardship status (minimum allowance card, extreme poverty card etc.)</translation>
    </message>
    <message>
        <source>房屋现状照片</source>
        <translation>Photos of the house as it is</translation>
    </message>
    <message>
        <source>农村危房改造申请表（申请人签字）</source>
        <translation>Rural dilapidated house renovation application (signed by the applicant)</translation>
    </message>
    <message>
        <source>居民身份证或营业执照</source>
        <translation>Resident ID card or business licence</translation>
    </message>
    <message>
        <source>土地承包经营权证或土地流转合同</source>
        <translation>Land contract certificate or land transfer contract</translation>
    </message>
    <message>
        <source>“一卡通”或银行卡</source>
        <translation>Subsidy card (一卡通) or bank card</translation>
    </message>
    <message>
        <source>补贴面积申报表（申报人签字）</source>
        <translation>Subsidised area declaration (signed by the declarant)</translation>
    </message>
    <message>
        <source>出生医学证明</source>
        <translation>Medical birth certificate</translation>
    </message>
    <message>
        <source>父母双方居民身份证</source>
        <translation>Both parents&apos; resident ID cards</translation>
    </message>
    <message>
        <source>落户地户口簿</source>
        <translation>Household register of the place of registration</translation>
    </message>
    <message>
        <source>父母结婚证</source>
        <translation>Parents&apos; marriage certificate</translation>
    </message>
    <message>
        <source>出生登记申报表（申报人签字）</source>
        <translation>Birth registration form (signed by the declarant)</translation>
    </message>
    <message>
        <source>居民身份证或户口簿</source>
        <translation>Resident ID card or household register</translation>
    </message>
    <message>
        <source>本人银行卡或社会保障卡（具有金融功能）</source>
        <translation>Own bank card or social security card (with banking function)</translation>
    </message>
    <message>
        <source>参保登记表（申请人签字）</source>
        <translation>Insurance enrolment form (signed by the applicant)</translation>
    </message>
    <message>
        <source>社会保障卡或本人银行卡</source>
        <translation>Social security card or own bank card</translation>
    </message>
    <message>
        <source>待遇申领表（申请人签字）</source>
        <translation>Benefit claim form (signed by the applicant)</translation>
    </message>
    <message>
        <source>有关部门出具的其他养老待遇情况说明</source>
        <translation>Statement from the authority on other pension benefits</translation>
    </message>
    <message>
        <source>新生儿出生医学证明</source>
        <translation>Newborn&apos;s medical birth certificate</translation>
    </message>
    <message>
        <source>居住证</source>
        <translation>Residence permit</translation>
    </message>
    <message>
        <source>资助参保身份证明（低保证、特困供养证、残疾人证等）</source>
        <translation>Proof of eligibility for subsidised enrolment (minimum allowance, extreme poverty or disability card etc.)</translation>
    </message>
    <message>
        <source>近期2寸免冠白底彩色照片</source>
        <translation>Recent 2-inch colour photo, bareheaded, white background</translation>
    </message>
    <message>
        <source>监护人身份证</source>
        <translation>Guardian&apos;s ID card</translation>
    </message>
    <message>
        <source>残疾评定相关病历、诊断材料</source>
        <translation>Medical records and diagnoses for the disability assessment</translation>
    </message>
    <message>
        <source>残疾人证申请表（申请人或监护人签字）</source>
        <translation>Disability certificate application (signed by the applicant or guardian)</translation>
    </message>
    <message>
        <source>夫妻双方居民身份证</source>
        <translation>Both spouses&apos; resident ID cards</translation>
    </message>
    <message>
        <source>生育登记信息表（申请人签字）</source>
        <translation>Birth registration information form (signed by the applicant)</translation>
    </message>
    <message>
        <source>近期免冠彩色照片</source>
        <translation>Recent colour photo, bareheaded</translation>
    </message>
    <message>
        <source>劳动合同或单位就业证明</source>
        <translation>Employment contract or employer&apos;s proof of employment</translation>
    </message>
    <message>
        <source>房屋产权证明或租赁合同</source>
        <translation>Title deed or tenancy contract</translation>
    </message>
    <message>
        <source>学校就读证明</source>
        <translation>Proof of school enrolment</translation>
    </message>
    <message>
        <source>居住证申领登记表（申请人签字）</source>
        <translation>Residence permit application form (signed by the applicant)</translation>
    </message>
    <message>
        <source>原优待证</source>
        <translation>Old preferential treatment card</translation>
    </message>
    <message>
        <source>老年人优待证申请表（申请人签字）</source>
        <translation>Senior citizen&apos;s card application (signed by the applicant)</translation>
    </message>
    <message>
        <source>解除或终止劳动合同证明</source>
        <translation>Proof of termination of the employment contract</translation>
    </message>
    <message>
        <source>劳动合同或就业证明</source>
        <translation>Employment contract or proof of employment</translation>
    </message>
    <message>
        <source>就业失业登记表（申请人签字）</source>
        <translation>Employment and unemployment registration form (signed by the applicant)</translation>
    </message>
    <message>
        <source>近期免冠白底彩色照片</source>
        <translation>Recent colour photo, bareheaded, white background</translation>
    </message>
    <message>
        <source>社会保障卡申领表（申请人或监护人签字）</source>
        <translation>Social security card application (signed by the applicant or guardian)</translation>
    </message>
    <message>
        <source>原社会保障卡</source>
        <translation>Old social security card</translation>
    </message>
    <message>
        <source>社会保障卡补换申请表（申请人签字）</source>
        <translation>Social security card replacement application (signed by the applicant)</translation>
    </message>
    <message>
        <source>退役证件（退伍证、转业证等）</source>
        <translation>Discharge papers (discharge or transfer certificate etc.)</translation>
    </message>
    <message>
        <source>优抚对象身份证明</source>
        <translation>Proof of entitled-group status (veterans&apos; benefits)</translation>
    </message>
    <message>
        <source>优待证申领表（申请人签字）</source>
        <translation>Preferential treatment card application (signed by the applicant)</translation>
    </message>
    <message>
        <source>社会保障卡或居民身份证</source>
        <translation>Social security card or resident ID card</translation>
    </message>
    <message>
        <source>转诊证明</source>
        <translation>Referral certificate</translation>
    </message>
    <message>
        <source>备案承诺书（申请人签字）</source>
        <translation>Filing pledge (signed by the applicant)</translation>
    </message>
    <message>
        <source>死亡证明（医学死亡证明、火化证明或户籍注销证明）</source>
        <translation>Death certificate (medical, cremation or household deregistration)</translation>
    </message>
    <message>
        <source>申领人居民身份证</source>
        <translation>Claimant&apos;s resident ID card</translation>
    </message>
    <message>
        <source>申领人与逝者亲属关系证明（户口簿等）</source>
        <translation>Proof of the claimant&apos;s relationship to the deceased (household register etc.)</translation>
    </message>
    <message>
        <source>继承人协商一致的声明（全体继承人签字）</source>
        <translation>Heirs&apos; joint agreement (signed by every heir)</translation>
    </message>
    <message>
        <source>待遇申领表（申领人签字）</source>
        <translation>Benefit claim form (signed by the claimant)</translation>
    </message>
    <message>
        <source>原件</source>
        <translation>original</translation>
    </message>
    <message>
        <source>复印件</source>
        <translation>copy</translation>
    </message>
    <message>
        <source>电子材料</source>
        <translation>electronic</translation>
    </message>
    <message>
        <source>核验户主页和本人页后退还</source>
        <translation>returned after the head-of-household page and the applicant&apos;s page are checked</translation>
    </message>
    <message>
        <source>可选用县里提供的农房通用图集</source>
        <translation>the county&apos;s standard rural house plans may be used</translation>
    </message>
    <message>
        <source>四邻签字</source>
        <translation>signed by the four neighbours</translation>
    </message>
    <message>
        <source>代办点核验后当场退还，并拍照上传正反面</source>
        <translation>checked and returned on the spot; both sides photographed and uploaded</translation>
    </message>
    <message>
        <source>如实填写，隐瞒收入将被取消资格</source>
        <translation>fill in truthfully: hiding income disqualifies</translation>
    </message>
    <message>
        <source>授权民政部门查询存款、车辆、房产等信息</source>
        <translation>authorises civil affairs to check savings, vehicles, property etc.</translation>
    </message>
    <message>
        <source>用于发放低保金</source>
        <translation>for paying the minimum living allowance</translation>
    </message>
    <message>
        <source>核验后退还，并拍照上传</source>
        <translation>returned after checking; photographed and uploaded</translation>
    </message>
    <message>
        <source>用于按月发放津贴</source>
        <translation>for the monthly allowance</translation>
    </message>
    <message>
        <source>有则提供</source>
        <translation>if any</translation>
    </message>
    <message>
        <source>原件核验后退还</source>
        <translation>original returned after checking</translation>
    </message>
    <message>
        <source>房屋正面、侧面及主要损坏部位</source>
        <translation>front and side of the house and the main damage</translation>
    </message>
    <message>
        <source>核验后退还</source>
        <translation>returned after checking</translation>
    </message>
    <message>
        <source>已婚的提供；非婚生育的按规定提供其他证明</source>
        <translation>if married; for a birth outside marriage, the other proof the rules ask for</translation>
    </message>
    <message>
        <source>核验后退回</source>
        <translation>returned after checking</translation>
    </message>
    <message>
        <source>用于代扣缴费</source>
        <translation>for direct debit of contributions</translation>
    </message>
    <message>
        <source>可在代办点签字板上签名代替</source>
        <translation>may be replaced by signing on the service point&apos;s signature pad</translation>
    </message>
    <message>
        <source>作为养老金发放账户</source>
        <translation>the account the pension is paid into</translation>
    </message>
    <message>
        <source>可在代办点用手机拍摄上传</source>
        <translation>may be photographed with a phone at the service point and uploaded</translation>
    </message>
    <message>
        <source>有则提供，便于评定医生参考</source>
        <translation>if any, for the assessing doctor</translation>
    </message>
    <message>
        <source>可现场拍摄</source>
        <translation>may be taken on the spot</translation>
    </message>
    <message>
        <source>长期居住人员可用承诺书代替居住证明</source>
        <translation>long-term residents may give a pledge instead of proof of residence</translation>
    </message>
</context>
<context>
    <name>MembersPanel</name>
    <message>
        <source>本次办理的事项</source>
        <translation>Items filed this time</translation>
    </message>
    <message>
        <source>办理“{0}”</source>
        <translation>File &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>：填写后确定是否办理（{0}）</source>
        <translation>: decided once answered ({0})</translation>
    </message>
    <message>
        <source>：不办理。</source>
        <translation>: not filed. </translation>
    </message>
</context>
<context>
    <name>NewApplicationFlow</name>
    <message>
        <source>上一步（Alt+←）</source>
        <translation>Back (Alt+←)</translation>
    </message>
    <message>
        <source>保存草稿（Ctrl+S）</source>
        <translation>Save draft (Ctrl+S)</translation>
    </message>
    <message>
        <source>下一步（Ctrl+Enter）</source>
        <translation>Next (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>确认提交（Ctrl+Enter）</source>
        <translation>Submit (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>更换办理事项</source>
        <translation>Change item</translation>
    </message>
    <message>
        <source>更换事项会撤回当前草稿，已添加的附件和签名需要重新添加。确定更换吗？</source>
        <translation>Changing the item withdraws the current draft; attachments and the signature must be added again. Change it?</translation>
    </message>
    <message>
        <source>撤回草稿并更换</source>
        <translation>Withdraw draft and change</translation>
    </message>
    <message>
        <source>正在保存草稿…</source>
        <translation>Saving draft…</translation>
    </message>
    <message>
        <source>草稿已保存 {0}</source>
        <translation>Draft saved {0}</translation>
    </message>
    <message>
        <source>草稿未能保存：</source>
        <translation>The draft could not be saved: </translation>
    </message>
    <message>
        <source>正在打开草稿…</source>
        <translation>Opening the draft…</translation>
    </message>
    <message>
        <source>已打开草稿，可从上次停下的地方继续。</source>
        <translation>Draft opened: continue where you left off.</translation>
    </message>
    <message>
        <source>表单已更新</source>
        <translation>The form was updated</translation>
    </message>
    <message>
        <source>转为新版表单</source>
        <translation>Move to the new form</translation>
    </message>
    <message>
        <source>暂不处理</source>
        <translation>Not now</translation>
    </message>
    <message>
        <source>已转为新版表单</source>
        <translation>Moved to the new form</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <source>屏幕键盘</source>
        <translation>On-screen keyboard</translation>
    </message>
    <message>
        <source>⌫ 删除</source>
        <translation>⌫ Delete</translation>
    </message>
    <message>
        <source>删除一个字</source>
        <translation>Delete one character</translation>
    </message>
    <message>
        <source>空格</source>
        <translation>Space</translation>
    </message>
    <message>
        <source>全部清除</source>
        <translation>Clear all</translation>
    </message>
    <message>
        <source>123</source>
        <translation>123</translation>
    </message>
    <message>
        <source>切换到数字键盘</source>
        <translation>Switch to the number pad</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>ABC</source>
        <translation>ABC</translation>
    </message>
    <message>
        <source>切换到字母键盘</source>
        <translation>Switch to letters</translation>
    </message>
</context>
<context>
    <name>PaperSignaturePanel</name>
    <message>
        <source>打印申请人签字页</source>
        <translation>Print the applicant&apos;s signature page</translation>
    </message>
    <message>
        <source>上传签字页扫描件…</source>
        <translation>Upload the scanned signature page…</translation>
    </message>
    <message>
        <source>本事项依法不能用屏幕签名（《电子签名法》第三条）。请打印签字页，由居民亲笔签名并按手印，再扫描或拍照上传签字页；原件随纸质材料报送。</source>
        <translation>By law this matter cannot be signed on screen (Electronic Signature Law, art. 3). Print the signature page, have the resident sign it by hand and add a thumbprint, then scan or photograph it and upload it; the original goes with the paper materials.</translation>
    </message>
    <message>
        <source>尚未上传签字页。</source>
        <translation>The signature page has not been uploaded yet.</translation>
    </message>
    <message>
        <source>已上传签字页扫描件。</source>
        <translation>The scanned signature page is uploaded.</translation>
    </message>
    <message>
        <source>草稿还没有保存好，请稍候再试。</source>
        <translation>The draft is not saved yet; try again in a moment.</translation>
    </message>
    <message>
        <source>选择签字页扫描件</source>
        <translation>Choose the scanned signature page</translation>
    </message>
    <message>
        <source>扫描件 (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>Scans (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
    <message>
        <source>正在保存签字页…</source>
        <translation>Saving the signature page…</translation>
    </message>
</context>
<context>
    <name>PrintMenuPage</name>
    <message>
        <source>打印办事指南</source>
        <translation>Print a guide</translation>
    </message>
    <message>
        <source>打印办件进度</source>
        <translation>Print case progress</translation>
    </message>
    <message>
        <source>先找到要打印的指南或办件，再点“打印”按钮。打印好后请在打印机出口取走。</source>
        <translation>First find the guide or case to print, then tap “Print”. Take the paper from the printer.</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>纸张</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>A4 纸</source>
        <translation>A4 sheet</translation>
    </message>
    <message>
        <source>80 毫米热敏纸</source>
        <translation>80 mm thermal roll</translation>
    </message>
    <message>
        <source>58 毫米热敏纸</source>
        <translation>58 mm thermal roll</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>打印设置…</source>
        <translation>Printer settings…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>这台电脑上没有可用的打印机。请连接打印机并安装驱动。</source>
        <translation>No printer is installed on this computer. Connect a printer and install its driver.</translation>
    </message>
    <message>
        <source>正在重新排版…</source>
        <translation>Laying out again…</translation>
    </message>
    <message>
        <source>正在发送到打印机…</source>
        <translation>Sending to the printer…</translation>
    </message>
    <message>
        <source>已发送到打印机：</source>
        <translation>Sent to printer: </translation>
    </message>
    <message>
        <source> 文书仍在此窗口中，处理后可直接重新打印，或改选其他打印机。</source>
        <translation> The document is still here: fix the printer and print again, or choose another printer.</translation>
    </message>
</context>
<context>
    <name>PrinterPage</name>
    <message>
        <source>第四步：打印机</source>
        <translation>Step 4: printer</translation>
    </message>
    <message>
        <source>选择打印回执和委托书用的打印机，并打印一张测试页核对。</source>
        <translation>Choose the printer for receipts and authorizations, and print a test page.</translation>
    </message>
    <message>
        <source>系统默认打印机</source>
        <translation>System default printer</translation>
    </message>
    <message>
        <source>打印测试页</source>
        <translation>Print test page</translation>
    </message>
    <message>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>设置其他设备…</source>
        <translation>Set up other devices…</translation>
    </message>
    <message>
        <source>读卡器、热敏打印机、扫码器和高拍仪</source>
        <translation>Card reader, receipt printer, scanner and document camera</translation>
    </message>
    <message>
        <source>其他设备</source>
        <translation>Other devices</translation>
    </message>
    <message>
        <source>正在查找打印机…</source>
        <translation>Looking for printers…</translation>
    </message>
    <message>
        <source>（默认）</source>
        <translation> (default)</translation>
    </message>
    <message>
        <source>找到 {0} 台打印机。</source>
        <translation>{0} printers found.</translation>
    </message>
    <message>
        <source>没有找到已安装的打印机。请先在系统中安装打印机驱动；暂时可跳过，以后在向导中再设置。</source>
        <translation>No installed printer found. Install the printer driver first; you can skip this now and set it later in the wizard.</translation>
    </message>
    <message>
        <source>正在发送测试页…</source>
        <translation>Sending the test page…</translation>
    </message>
    <message>
        <source>测试页已发送，请检查打印效果（方框完整、中文清楚）。</source>
        <translation>Test page sent; check it (complete frame, clear Chinese).</translation>
    </message>
    <message>
        <source>打印机未就绪（未开机、缺纸或未连接），请检查后重试。</source>
        <translation>The printer is not ready (off, out of paper or not connected). Check it and try again.</translation>
    </message>
</context>
<context>
    <name>ProvisioningFileBox</name>
    <message>
        <source>有县里发的站点配置文件（.kprov）？</source>
        <translation>Have a station provisioning file (.kprov) from the county?</translation>
    </message>
    <message>
        <source>配置文件位置，如 U 盘上的 station-….kprov</source>
        <translation>Where the file is, e.g. station-….kprov on the USB stick</translation>
    </message>
    <message>
        <source>配置文件</source>
        <translation>Provisioning file</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>配置文件口令</source>
        <translation>File passphrase</translation>
    </message>
    <message>
        <source>用配置文件注册本站点</source>
        <translation>Enroll this station with the file</translation>
    </message>
    <message>
        <source>没有配置文件时，在下面手工填写站点编码，下一步填写平台地址和注册码。</source>
        <translation>Without a file, fill in the station code below, then the hub address and enrollment code on the next page.</translation>
    </message>
    <message>
        <source>选择站点配置文件</source>
        <translation>Choose the provisioning file</translation>
    </message>
    <message>
        <source>站点配置文件 (*.kprov)</source>
        <translation>Provisioning files (*.kprov)</translation>
    </message>
    <message>
        <source>请选择配置文件并输入口令。</source>
        <translation>Choose the file and type its passphrase.</translation>
    </message>
    <message>
        <source>正在核验配置文件并注册…</source>
        <translation>Checking the file and enrolling…</translation>
    </message>
    <message>
        <source>站点 {0}（{1}）已注册（设备 {2}）。请按“下一步”继续。</source>
        <translation>Station {0} ({1}) is enrolled (device {2}). Press Next to go on.</translation>
    </message>
</context>
<context>
    <name>ResidentStep</name>
    <message>
        <source>居民</source>
        <translation>Resident</translation>
    </message>
    <message>
        <source>读身份证（F2）</source>
        <translation>Read ID card (F2)</translation>
    </message>
    <message>
        <source>查找已登记的居民</source>
        <translation>Find a registered resident</translation>
    </message>
    <message>
        <source>18位身份证号</source>
        <translation>18-character ID number</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>按身份证号查找</source>
        <translation>Find by ID number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>手机号</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <source>按姓名和手机号查找</source>
        <translation>Find by name and mobile</translation>
    </message>
    <message>
        <source>或</source>
        <translation>or</translation>
    </message>
    <message>
        <source>尚未选择居民。可以不查找，直接按“下一步”办理（表单不会自动填写）。</source>
        <translation>No resident chosen. You may go on with &quot;Next&quot; without one (the form is not prefilled).</translation>
    </message>
    <message>
        <source>更换居民</source>
        <translation>Change resident</translation>
    </message>
    <message>
        <source>登记新居民</source>
        <translation>Register new resident</translation>
    </message>
    <message>
        <source>居民同意本代办点保存以上信息，以及办事时填写的家庭成员、银行卡等信息，下次办事时自动填写（居民可随时要求删除）</source>
        <translation>The resident agrees that this point keeps the information above, and the household members, bank card etc. given on applications, to prefill next time (they may ask for deletion at any time)</translation>
    </message>
    <message>
        <source>使用以上信息</source>
        <translation>Use this information</translation>
    </message>
    <message>
        <source>户籍地址</source>
        <translation>Registered address</translation>
    </message>
    <message>
        <source>登记新居民…</source>
        <translation>Register new resident…</translation>
    </message>
    <message>
        <source>第一步：确认申请人</source>
        <translation>Step 1: the applicant</translation>
    </message>
    <message>
        <source>请居民把身份证放在读卡器上，或输入身份证号查找。已登记的居民会自动填写表单。</source>
        <translation>Put the resident&apos;s ID card on the reader, or type the ID number. Registered residents get their form prefilled.</translation>
    </message>
    <message>
        <source>已填写登记信息：请先点“使用以上信息”，或点“更换居民”清空后再继续。</source>
        <translation>Registration details were typed: click &quot;Use this information&quot;, or &quot;Change resident&quot; to clear them, before going on.</translation>
    </message>
    <message>
        <source>已选择：{0}&#x3000;{1}&#x3000;{2}（已登记，表单将自动填写）</source>
        <translation>Chosen: {0}&#x3000;{1}&#x3000;{2} (registered; the form will be prefilled)</translation>
    </message>
    <message>
        <source>已选择：{0}&#x3000;{1}（未登记到居民库，仅用于本次办理）</source>
        <translation>Chosen: {0}&#x3000;{1} (not registered; used for this application only)</translation>
    </message>
    <message>
        <source>正在读卡，请把身份证放在读卡器上…</source>
        <translation>Reading: put the ID card on the reader…</translation>
    </message>
    <message>
        <source>没有读到身份证。请把身份证平放在读卡器上，再按 F2。</source>
        <translation>No ID card read. Lay the card flat on the reader and press F2 again.</translation>
    </message>
    <message>
        <source>正在查找…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>请输入姓名和11位手机号。</source>
        <translation>Enter the name and the 11-digit mobile number.</translation>
    </message>
    <message>
        <source>；此前在本点办理过 {0} 件</source>
        <translation>; {0} earlier cases at this point</translation>
    </message>
    <message>
        <source>。注意：身份证已过有效期</source>
        <translation>. Note: the ID card has expired</translation>
    </message>
    <message>
        <source>居民库中没有这位居民。请核对下面的信息后点“使用以上信息”。</source>
        <translation>This resident is not in the register. Check the details below, then click &quot;Use this information&quot;.</translation>
    </message>
    <message>
        <source>注意：身份证已过有效期。</source>
        <translation>Note: the ID card has expired.</translation>
    </message>
    <message>
        <source>请填写姓名。</source>
        <translation>Enter the name.</translation>
    </message>
    <message>
        <source>未经居民同意，信息只用于本次办理，不保存到居民库。</source>
        <translation>Without the resident&apos;s consent the details are used for this application only, not kept in the register.</translation>
    </message>
</context>
<context>
    <name>ReviewStep</name>
    <message>
        <source>核对提交</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>第七步：与居民逐项核对，确认后提交</source>
        <translation>Step 7: read everything back to the resident, then submit</translation>
    </message>
    <message>
        <source>提交后排队报送省级平台（断网时联网后自动报送）。Ctrl+Enter 提交。</source>
        <translation>Once submitted it is queued for the provincial platform (sent automatically when online). Ctrl+Enter submits.</translation>
    </message>
    <message>
        <source>申请人与事项</source>
        <translation>Applicant and item</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>承办部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>居民库</source>
        <translation>Resident register</translation>
    </message>
    <message>
        <source>已登记（同意保存信息）：提交后，本次填写的家庭成员、银行卡等信息存入居民库</source>
        <translation>Registered (consented): on submission, the household members, bank card etc. given here are kept in the resident register</translation>
    </message>
    <message>
        <source>未登记，仅本次使用</source>
        <translation>Not registered; this application only</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>已带材料</source>
        <translation>Materials brought</translation>
    </message>
    <message>
        <source>申请表内容</source>
        <translation>Form answers</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>已签名（在屏幕上）</source>
        <translation>Signed (on screen)</translation>
    </message>
    <message>
        <source>在纸质委托书上签字或按手印</source>
        <translation>Signed or thumb-printed on the paper authorization</translation>
    </message>
    <message>
        <source>结果领取方式</source>
        <translation>How the result is collected</translation>
    </message>
    <message>
        <source>办理进度短信</source>
        <translation>Progress text messages</translation>
    </message>
    <message>
        <source>不发短信</source>
        <translation>No text messages</translation>
    </message>
    <message>
        <source>发短信到 {0}</source>
        <translation>Text messages to {0}</translation>
    </message>
    <message>
        <source>{0} 页</source>
        <translation>pages: {0}</translation>
    </message>
    <message>
        <source>{0}（{1}，{2}）</source>
        <translation>{0} ({1}, {2})</translation>
    </message>
    <message>
        <source>已签名（{0}）</source>
        <translation>Signed ({0})</translation>
    </message>
    <message>
        <source>附件与签名</source>
        <translation>Attachments and signature</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>其他材料</source>
        <translation>Other material</translation>
    </message>
    <message>
        <source>没有扫描件（纸质材料随交接清单送达）。</source>
        <translation>No scans (paper materials travel with the hand-over list).</translation>
    </message>
    <message>
        <source>居民在纸质委托书上签字或按手印</source>
        <translation>Signed or fingerprinted on the paper authorization</translation>
    </message>
    <message>
        <source>未签名</source>
        <translation>Not signed</translation>
    </message>
    <message>
        <source>委托签名</source>
        <translation>Authorization signature</translation>
    </message>
    <message>
        <source>草稿还没有保存好，请稍候再试。</source>
        <translation>The draft is not saved yet; try again in a moment.</translation>
    </message>
    <message>
        <source>正在提交…</source>
        <translation>Submitting…</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>用下面的键盘输入拼音或拼音首字母，例如“养老”可以输入 yanglao 或 yl。</source>
        <translation>Type pinyin or pinyin initials on the keyboard below, e.g. yanglao or yl for 养老 (old age).</translation>
    </message>
    <message>
        <source>搜索内容</source>
        <translation>Search text</translation>
    </message>
    <message>
        <source>在这里显示您输入的字母</source>
        <translation>The letters you type appear here</translation>
    </message>
    <message>
        <source>收起键盘</source>
        <translation>Hide keyboard</translation>
    </message>
    <message>
        <source>打开键盘</source>
        <translation>Show keyboard</translation>
    </message>
    <message>
        <source>没有找到“{0}”。换个说法试试，或回到首页按人生事件查找。</source>
        <translation>Nothing found for “{0}”. Try other words, or browse the guides by life event.</translation>
    </message>
    <message>
        <source>找到 {0} 项，点一下看办事指南：</source>
        <translation>Found {0}. Tap one to see its guide:</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>站点配置向导</source>
        <translation>Setup wizard</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>签名区域</source>
        <translation>Signature area</translation>
    </message>
    <message>
        <source>请申请人在此处签名</source>
        <translation>Applicant, please sign here</translation>
    </message>
</context>
<context>
    <name>SignatureStep</name>
    <message>
        <source>签名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>清除重签</source>
        <translation>Clear and sign again</translation>
    </message>
    <message>
        <source>居民不能在屏幕上签名：在纸质委托书上签字或按手印</source>
        <translation>The resident cannot sign on screen: signs or fingerprints the paper authorization</translation>
    </message>
    <message>
        <source>第六步：居民签名（代办委托）</source>
        <translation>Step 6: the resident&apos;s signature (authorization)</translation>
    </message>
    <message>
        <source>请居民确认委托本代办点代为申请，并在下框中签名。签名只用于本次办件的委托书。</source>
        <translation>The resident confirms authorizing this point to apply on their behalf and signs below. The signature is used only for this application&apos;s authorization.</translation>
    </message>
    <message>
        <source>签好后按“下一步”保存签名。</source>
        <translation>When signed, press &quot;Next&quot; to save the signature.</translation>
    </message>
    <message>
        <source>已保存居民签名。如需重签，请直接在框内重新签名。</source>
        <translation>Signature saved. To sign again, just sign in the box.</translation>
    </message>
    <message>
        <source>尚未签名。</source>
        <translation>Not signed yet.</translation>
    </message>
    <message>
        <source>请打印签字页，居民签字并按手印后，上传签字页扫描件。</source>
        <translation>Print the signature page; once the resident has signed it and added a thumbprint, upload the scan.</translation>
    </message>
    <message>
        <source>请居民在框内签名；不能签名的，勾选下方选项后用纸质委托书。</source>
        <translation>Have the resident sign in the box; if they cannot, tick the option below and use the paper authorization.</translation>
    </message>
    <message>
        <source>草稿还没有保存好，请稍候再试。</source>
        <translation>The draft is not saved yet; try again in a moment.</translation>
    </message>
    <message>
        <source>正在保存签名…</source>
        <translation>Saving the signature…</translation>
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <source>第一步：站点编码</source>
        <translation>Step 1: station code</translation>
    </message>
    <message>
        <source>站点编码是本村（社区）的12位统计用区划代码：县（6位）+乡镇（3位）+村（3位）。</source>
        <translation>The station code is the village&apos;s 12-digit statistical division code: county (6) + township (3) + village (3).</translation>
    </message>
    <message>
        <source>站点编码</source>
        <translation>Station code</translation>
    </message>
    <message>
        <source>如：西湖镇</source>
        <translation>e.g. 西湖镇</translation>
    </message>
    <message>
        <source>如：示范村</source>
        <translation>e.g. 示范村</translation>
    </message>
    <message>
        <source>乡镇（街道）名称</source>
        <translation>Township (subdistrict) name</translation>
    </message>
    <message>
        <source>村（社区）名称</source>
        <translation>Village (community) name</translation>
    </message>
    <message>
        <source>站点名称：</source>
        <translation>Station name: </translation>
    </message>
    <message>
        <source>请填写12位站点编码和乡镇、村名称。</source>
        <translation>Enter the 12-digit station code and the township and village names.</translation>
    </message>
</context>
<context>
    <name>StatisticsDialog</name>
    <message>
        <source>月度统计报表</source>
        <translation>Monthly statistics</translation>
    </message>
    <message>
        <source>统计月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>导出 CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>事项名称</source>
        <translation>Item name</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>{0}年{1}月共 {2} 件（按提交时间统计，不含居民个人信息）。</source>
        <translation>{1}/{0}: {2} applications (by filing time; no personal data).</translation>
    </message>
    <message>
        <source>CSV 表格 (*.csv)</source>
        <translation>CSV table (*.csv)</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <source>保存统计报表</source>
        <translation>Save statistics report</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>已导出：</source>
        <translation>Exported: </translation>
    </message>
    <message>
        <source>无法写入该位置（{0}）。请换一个文件夹或插好U盘后重试。</source>
        <translation>Cannot write there ({0}). Choose another folder or plug the USB drive in and try again.</translation>
    </message>
</context>
<context>
    <name>SupplementPanel</name>
    <message>
        <source>同时更正申请表内容</source>
        <translation>Also correct the form</translation>
    </message>
    <message>
        <source>提交补正材料</source>
        <translation>Send supplement</translation>
    </message>
    <message>
        <source>审批部门要求补齐补正：{0}</source>
        <translation>The back office asks for more: {0}</translation>
    </message>
    <message>
        <source>（未说明，请电话询问乡镇）</source>
        <translation>(no reason given; phone the township)</translation>
    </message>
    <message>
        <source>请先添加补充的材料，或更正表单内容。</source>
        <translation>Add the requested materials or correct the form first.</translation>
    </message>
    <message>
        <source>正在提交补正…</source>
        <translation>Sending the supplement…</translation>
    </message>
    <message>
        <source>补正材料已保存，排队报送。</source>
        <translation>Supplement saved and queued.</translation>
    </message>
</context>
<context>
    <name>SyncDisplay</name>
    <message>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>另一个同步正在进行</source>
        <translation>Another sync is running</translation>
    </message>
    <message>
        <source>离线：{0}（待发送 {1} 件）</source>
        <translation>Offline: {0} ({1} waiting)</translation>
    </message>
    <message>
        <source>已同步：新收件 {0}，状态更新 {1}，待发送 {2}</source>
        <translation>Synced: {0} new cases, {1} status updates, {2} waiting</translation>
    </message>
    <message>
        <source>同步失败</source>
        <translation>Sync failed</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>尚未同步</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <source>待发送 {0} 件</source>
        <translation>{0} waiting to be sent</translation>
    </message>
    <message>
        <source>已联网</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>上次同步 </source>
        <translation>Last sync </translation>
    </message>
    <message>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>上次成功 </source>
        <translation>Last success </translation>
    </message>
    <message>
        <source>下次尝试 </source>
        <translation>Next try </translation>
    </message>
    <message>
        <source>⚠ {0} 件需要处理</source>
        <translation>⚠ {0} need attention</translation>
    </message>
    <message>
        <source>点此查看发送失败或被退回的申请及原因</source>
        <translation>Click to see the applications that failed or were returned, and why</translation>
    </message>
    <message>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>另一个同步正在进行</source>
        <translation>Another sync is running</translation>
    </message>
</context>
<context>
    <name>TechnicianPage</name>
    <message>
        <source>技术员退出自助模式</source>
        <translation>Technician: leave self-service mode</translation>
    </message>
    <message>
        <source>请输入技术员 PIN 码：</source>
        <translation>Enter the technician PIN:</translation>
    </message>
    <message>
        <source>技术员 PIN 码</source>
        <translation>Technician PIN</translation>
    </message>
    <message>
        <source>PIN 码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>退出自助模式</source>
        <translation>Leave self-service mode</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>读不到账号，请重试。</source>
        <translation>Could not read the accounts, please try again.</translation>
    </message>
    <message>
        <source>本机还没有技术员账号。请在代办工作台的“站点配置向导”里添加技术员账号。</source>
        <translation>There is no technician account on this terminal. Add one in the agent workspace&apos;s setup wizard.</translation>
    </message>
    <message>
        <source>请输入技术员 PIN 码。</source>
        <translation>Enter the technician PIN.</translation>
    </message>
    <message>
        <source>正在验证……</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>PIN 码不正确，或账号已被锁定。</source>
        <translation>Wrong PIN, or the account is locked.</translation>
    </message>
</context>
<context>
    <name>TownshipPage</name>
    <message>
        <source>导入代办点批次…</source>
        <translation>Import village batch…</translation>
    </message>
    <message>
        <source>打印交接清单</source>
        <translation>Print hand-over list</translation>
    </message>
    <message>
        <source>报送到省级平台</source>
        <translation>Relay to the provincial hub</translation>
    </message>
    <message>
        <source>导出回传文件到U盘…</source>
        <translation>Export return files to USB…</translation>
    </message>
    <message>
        <source>打印汇总</source>
        <translation>Print summary</translation>
    </message>
    <message>
        <source>乡镇批次</source>
        <translation>Township batches</translation>
    </message>
    <message>
        <source>导入无网络代办点用U盘带来的批次文件，报送到省级平台，再把办理结果导出为回传文件带回代办点。纸质材料按交接清单核对签收。</source>
        <translation>Import the batch files that offline service points bring on USB sticks, relay them to the provincial platform, then export the results as return files for the service points. Check and sign for the paper materials against the hand-over list.</translation>
    </message>
    <message>
        <source>U盘</source>
        <translation>USB</translation>
    </message>
    <message>
        <source>联网</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>从未联系</source>
        <translation>Never in contact</translation>
    </message>
    <message>
        <source>{0} 个代办点，待报送 {1} 件，超期 {2} 件。</source>
        <translation>{0} service points, {1} waiting to be relayed, {2} overdue.</translation>
    </message>
    <message>
        <source>还没有代办点数据：联网后点“报送到省级平台”会取得本乡镇的代办点名单。</source>
        <translation>No service point data yet: while online, click “Relay to provincial platform” to fetch this township&apos;s service points.</translation>
    </message>
    <message>
        <source>选择代办点批次文件</source>
        <translation>Choose a village batch file</translation>
    </message>
    <message>
        <source>代办点批次 (*.kbatch)</source>
        <translation>Village batches (*.kbatch)</translation>
    </message>
    <message>
        <source>正在核验并导入批次 {0}…</source>
        <translation>Checking and importing batch {0}…</translation>
    </message>
    <message>
        <source>已报送 {0} 个批次，共 {1} 件申请。</source>
        <translation>Relayed {0} batches, {1} applications in all.</translation>
    </message>
    <message>
        <source>没有等待报送的批次。</source>
        <translation>No batches waiting to be relayed.</translation>
    </message>
    <message>
        <source>以下批次未能报送：</source>
        <translation>These batches could not be relayed:</translation>
    </message>
    <message>
        <source>没有需要回传的代办点。</source>
        <translation>No service point has results to return.</translation>
    </message>
    <message>
        <source>已导出 {0} 个代办点的回传文件：{1}。请把U盘带回各代办点导入。</source>
        <translation>Exported return files for {0} service points: {1}. Take the USB stick back to each service point to import them.</translation>
    </message>
    <message>
        <source>操作没有完成，本机数据未做任何更改。</source>
        <translation>The operation did not finish; nothing on this computer was changed.</translation>
    </message>
    <message>
        <source>该批次此前已导入过，本次未做任何更改。</source>
        <translation>This batch was imported before; nothing was changed.</translation>
    </message>
    <message>
        <source>已导入代办点 {0}：第 {1} 批 · {2} 件 · {3}，等待报送。</source>
        <translation>Imported service point {0}: batch {1} · {2} applications · {3}, waiting to be relayed.</translation>
    </message>
    <message>
        <source>材料交接清单</source>
        <translation>Materials hand-over list</translation>
    </message>
    <message>
        <source>代办点批次汇总</source>
        <translation>Service point batch summary</translation>
    </message>
    <message>
        <source>正在报送到省级平台…</source>
        <translation>Relaying to the provincial hub…</translation>
    </message>
    <message>
        <source>选择U盘上的文件夹</source>
        <translation>Choose a folder on the USB stick</translation>
    </message>
    <message>
        <source>正在从省级平台获取并导出回传文件…</source>
        <translation>Fetching and exporting return files from the hub…</translation>
    </message>
</context>
<context>
    <name>VillageBatchesPage</name>
    <message>
        <source>正在统计待报送的申请…</source>
        <translation>Counting the applications waiting to be sent…</translation>
    </message>
    <message>
        <source>U盘</source>
        <translation>USB</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>选择文件夹…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <source>导出到U盘</source>
        <translation>Export to USB stick</translation>
    </message>
    <message>
        <source>打印交接清单</source>
        <translation>Print hand-over list</translation>
    </message>
    <message>
        <source>导入回传文件…</source>
        <translation>Import return file…</translation>
    </message>
    <message>
        <source>送往乡镇：导出待报送的申请</source>
        <translation>To the township: export the waiting applications</translation>
    </message>
    <message>
        <source>U盘：</source>
        <translation>USB stick:</translation>
    </message>
    <message>
        <source>从乡镇带回：导入回传文件</source>
        <translation>Back from the township: import the return file</translation>
    </message>
    <message>
        <source>乡镇便民服务中心会把省级平台的办理结果存成回传文件（.kreturn）。插入U盘后点下面的按钮，办件会得到办件编号和最新状态。</source>
        <translation>The township service centre saves the provincial platform&apos;s results as a return file (.kreturn). Plug in the USB stick and click the button below: the cases get their case numbers and latest status.</translation>
    </message>
    <message>
        <source>U盘批次</source>
        <translation>USB batches</translation>
    </message>
    <message>
        <source>本代办点没有网络时，用U盘把申请带到乡镇便民服务中心报送；纸质材料随交接清单一起移交。</source>
        <translation>When this service point has no network, take the applications to the township service centre on a USB stick; hand over the paper materials with the hand-over list.</translation>
    </message>
    <message>
        <source>有 {0} 件申请等待报送（附件约 {1}）。</source>
        <translation>{0} applications are waiting to be sent (attachments about {1}).</translation>
    </message>
    <message>
        <source>所有申请都已报送，现在没有需要导出的申请。</source>
        <translation>All applications have been sent; there is nothing to export now.</translation>
    </message>
    <message>
        <source>另有 {0} 件已导出到U盘，等待乡镇带回回传文件；U盘丢失时可以再次导出。</source>
        <translation>{0} more are already on a USB stick, waiting for the township&apos;s return file; if the stick is lost, export them again.</translation>
    </message>
    <message>
        <source>再次导出到U盘</source>
        <translation>Export to USB stick again</translation>
    </message>
    <message>
        <source>没有找到U盘。请把U盘插到电脑上，等几秒钟后点“刷新”；也可以点“选择文件夹…”自己选一个位置。</source>
        <translation>No USB stick found. Plug the USB stick into the computer, wait a few seconds and click “Refresh”; or click “Choose folder…” to pick a place yourself.</translation>
    </message>
    <message>
        <source>选择保存批次文件的文件夹</source>
        <translation>Choose the folder for the batch file</translation>
    </message>
    <message>
        <source>请先插入U盘，或点“选择文件夹…”。</source>
        <translation>Plug in a USB stick first, or click “Choose folder…”.</translation>
    </message>
    <message>
        <source>正在准备导出…</source>
        <translation>Preparing the export…</translation>
    </message>
    <message>
        <source>正在导出，请不要拔出U盘…</source>
        <translation>Exporting, do not unplug the USB stick…</translation>
    </message>
    <message>
        <source>已写入 {0} / {1} 项（申请与附件，共约 {2}）</source>
        <translation>Written {0} / {1} records (applications and attachments, about {2} in all)</translation>
    </message>
    <message>
        <source>已导出 {0} 件申请到 {1}，文件已校验。请把U盘和纸质材料一起送到乡镇，并打印交接清单请双方签字。</source>
        <translation>Exported {0} applications to {1}; the file was verified. Take the USB stick and the paper materials to the township together, and print the hand-over list for both sides to sign.</translation>
    </message>
    <message>
        <source>导出没有完成，申请仍在本机，可以再试一次。</source>
        <translation>The export did not finish; the applications are still on this computer, you can try again.</translation>
    </message>
    <message>
        <source>材料交接清单</source>
        <translation>Materials hand-over list</translation>
    </message>
    <message>
        <source>选择回传文件</source>
        <translation>Choose the return file</translation>
    </message>
    <message>
        <source>回传文件 (*.kreturn)</source>
        <translation>Return files (*.kreturn)</translation>
    </message>
    <message>
        <source>正在核验并导入回传文件…</source>
        <translation>Checking and importing the return file…</translation>
    </message>
    <message>
        <source>已导入回传：{0} 件获得办件编号，{1} 项状态更新。</source>
        <translation>Return imported: {0} cases got case numbers, {1} status updates.</translation>
    </message>
    <message>
        <source>这个回传文件此前已导入过，本次没有新的变化。</source>
        <translation>This return file was imported before; nothing new this time.</translation>
    </message>
    <message>
        <source>回传文件没有导入，本机数据未做任何更改。</source>
        <translation>The return file was not imported; nothing on this computer was changed.</translation>
    </message>
</context>
<context>
    <name>VisitRatingDialog</name>
    <message>
        <source>一次一评：请居民评价本次服务</source>
        <translation>Rate this visit</translation>
    </message>
    <message>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <source>整体满意度</source>
        <translation>Overall</translation>
    </message>
    <message>
        <source>服务效率</source>
        <translation>Efficiency</translation>
    </message>
    <message>
        <source>服务水平</source>
        <translation>Competence</translation>
    </message>
    <message>
        <source>服务态度</source>
        <translation>Attitude</translation>
    </message>
    <message>
        <source>意见或建议（可不填）</source>
        <translation>Comments (optional)</translation>
    </message>
    <message>
        <source>请居民本人逐项评价；评价会报送省级平台，差评会有人回访。</source>
        <translation>The resident rates each line; ratings go to the provincial platform and bad ones are followed up.</translation>
    </message>
    <message>
        <source>请对每一项都作出评价。</source>
        <translation>Please rate every line.</translation>
    </message>
</context>
<context>
    <name>WaitingChart</name>
    <message>
        <source>各村待报送数量图</source>
        <translation>Waiting applications per village (chart)</translation>
    </message>
    <message>
        <source>暂无代办点数据</source>
        <translation>No village data yet</translation>
    </message>
    <message>
        <source>待报送</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>无法启动</source>
        <translation>Cannot start</translation>
    </message>
    <message>
        <source>演示账号：{0}&#x3000;PIN：{1}</source>
        <translation>Demo account: {0}&#x3000;PIN: {1}</translation>
    </message>
    <message>
        <source>数据库已损坏</source>
        <translation>The database is damaged</translation>
    </message>
    <message>
        <source>演示账号：demo&#x3000;PIN：123456</source>
        <translation>Demo account: demo&#x3000;PIN: 123456</translation>
    </message>
</context>
<context>
    <name>doctor</name>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>磁盘空间</source>
        <translation>Disk space</translation>
    </message>
    <message>
        <source>剩余 {0} MB（至少需 500 MB）</source>
        <translation>{0} MB free (at least 500 MB needed)</translation>
    </message>
    <message>
        <source>密钥环</source>
        <translation>Keyring</translation>
    </message>
    <message>
        <source>数据密钥已保存在系统密钥环</source>
        <translation>The data key is in the system keyring</translation>
    </message>
    <message>
        <source>审计记录</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <source>自动备份</source>
        <translation>Automatic backup</translation>
    </message>
    <message>
        <source>还没有备份：程序开着时每天自动备份一次。</source>
        <translation>No backup yet: while the app runs it makes one every day.</translation>
    </message>
    <message>
        <source>最近一次自动备份是 {0} 天前：请让程序保持开机运行（每天自动备份一次）。</source>
        <translation>The last automatic backup is {0} days old: keep the app running (it backs up every day).</translation>
    </message>
    <message>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
</context>
<context>
    <name>documents</name>
    <message>
        <source>受理回执</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>代办委托书</source>
        <translation>Authorization</translation>
    </message>
    <message>
        <source>补正告知书</source>
        <translation>Supplement notice</translation>
    </message>
    <message>
        <source>申请人签字页</source>
        <translation>Applicant&apos;s signature page</translation>
    </message>
    <message>
        <source>交付回执</source>
        <translation>Hand-over receipt</translation>
    </message>
    <message>
        <source>一件事受理回执</source>
        <translation>Life event receipt</translation>
    </message>
    <message>
        <source>一件事代办委托书</source>
        <translation>Life event authorization</translation>
    </message>
</context>
<context>
    <name>printer_test</name>
    <message>
        <source>打印测试页</source>
        <translation>Print test page</translation>
    </message>
    <message>
        <source>代办点：</source>
        <translation>Proxy point: </translation>
    </message>
    <message>
        <source>打印机：</source>
        <translation>Printer: </translation>
    </message>
    <message>
        <source>系统默认打印机</source>
        <translation>System default printer</translation>
    </message>
    <message>
        <source>时间：</source>
        <translation>Time: </translation>
    </message>
    <message>
        <source>中文检查：政务服务 一网通办 代办受理回执 张𠮷 王䶮</source>
        <translation>Chinese check: 政务服务 一网通办 代办受理回执 张𠮷 王䶮</translation>
    </message>
    <message>
        <source>四周应有完整的方框，顶部刻度每格 1 厘米。</source>
        <translation>A complete frame should surround the page; the top ruler marks centimetres.</translation>
    </message>
</context>
<context>
    <name>shell.lookup</name>
    <message>
        <source>已打印，请在打印机出口取走。</source>
        <translation>Printed. Please take the paper from the printer.</translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <source>承诺时限 {0} 个工作日</source>
        <translation>Promised within {0} working days</translation>
    </message>
    <message>
        <source>即办</source>
        <translation>Immediate</translation>
    </message>
    <message>
        <source>网办星级 {0}</source>
        <translation>Online level {0}</translation>
    </message>
</context>
<context>
    <name>widgets</name>
    <message>
        <source>代办员</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>乡镇工作人员</source>
        <translation>Township staff</translation>
    </message>
    <message>
        <source>技术员</source>
        <translation>Technician</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>待提交</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>排队待发送</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>发送中</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>已报送</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>需补齐补正</source>
        <translation>Needs supplement</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>不予受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>数据冲突</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <source>被退回待修改</source>
        <translation>Sent back for correction</translation>
    </message>
    <message>
        <source>已寄出</source>
        <translation>Sent by courier</translation>
    </message>
    <message>
        <source>已签收</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>已交付</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>
