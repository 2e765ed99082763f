<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>AddressEditor</name>
    <message>
        <location filename="../../kiosk/ui/form_view.py" line="90" />
        <source>行政区划代码</source>
        <translation>Administrative division code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_view.py" line="106" />
        <source>详细地址（门牌号等）</source>
        <translation>Street address (house number etc.)</translation>
    </message>
</context>
<context>
    <name>EvaluatePage</name>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/evaluate.py" line="44" />
        <source>您对这次办事满意吗？请点一个表情。</source>
        <translation>Were you satisfied with this service? Tap a face.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/evaluate.py" line="62" />
        <source>可以再点几个原因（不点也可以）：</source>
        <translation>You may also tap some reasons (optional):</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/evaluate.py" line="72" />
        <source>提交评价</source>
        <translation>Send my rating</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/evaluate.py" line="77" />
        <source>回到首页</source>
        <translation>Back to start</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/evaluate.py" line="101" />
        <source>办件编号：{0}　{1}</source>
        <translation>Case number: {0}　{1}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/evaluate.py" line="108" />
        <source>这件事还没有报送到政务服务网，暂时不能评价。</source>
        <translation>This case has not reached the government service network yet, so it cannot be rated now.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/evaluate.py" line="136" />
        <source>这件事已经评价过了（{0}）。每件事只能评价一次，谢谢您！</source>
        <translation>This case has already been rated ({0}). Each case can be rated once. Thank you!</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/evaluate.py" line="169" />
        <source>谢谢您的评价！您的意见会报送到政务服务网，帮助我们改进服务。</source>
        <translation>Thank you! Your rating goes to the government service network and helps us improve.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/evaluate.py" line="177" />
        <source>暂时不能评价，请稍后再试，或找村代办员帮忙。</source>
        <translation>Rating is not possible right now. Please try later or ask the village agent.</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <location filename="../../kiosk/ui/form_view.py" line="277" />
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_view.py" line="278" />
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_view.py" line="328" />
        <source>18位身份证号</source>
        <translation>18-character ID number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_view.py" line="331" />
        <source>11位手机号码</source>
        <translation>11-digit mobile number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_view.py" line="334" />
        <source>18位统一社会信用代码</source>
        <translation>18-character unified social credit code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_view.py" line="337" />
        <source>银行卡号</source>
        <translation>Bank card number</translation>
    </message>
</context>
<context>
    <name>FileEditor</name>
    <message>
        <location filename="../../kiosk/ui/form_view.py" line="185" />
        <source>选择签名图片…</source>
        <translation>Choose signature image…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_view.py" line="185" />
        <source>添加文件…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_view.py" line="189" />
        <source>移除</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>GroupEditor</name>
    <message>
        <location filename="../../kiosk/ui/form_view.py" line="455" />
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_view.py" line="455" />
        <source>一行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_view.py" line="468" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>GuideBrowsePage</name>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guides.py" line="90" />
        <source>按人生事件</source>
        <translation>By life event</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guides.py" line="91" />
        <source>按主题</source>
        <translation>By theme</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guides.py" line="92" />
        <source>全部事项</source>
        <translation>All services</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guides.py" line="136" />
        <source>您遇到了什么事？点一下看要办的事项</source>
        <translation>What is happening in your life? Tap to see the services</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guides.py" line="138" />
        <source>按主题查找：点一下看这个主题下的事项</source>
        <translation>By theme: tap a theme to see its services</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guides.py" line="143" />
        <source>{0}
{1} 项</source>
        <translation>{0}
{1} services</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guides.py" line="146" />
        <source>{0}，{1} 个事项</source>
        <translation>{0}, {1} services</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guides.py" line="159" />
        <source>全部事项（{0} 项）</source>
        <translation>All services ({0})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guides.py" line="162" />
        <source>{0}：{1} 项</source>
        <translation>{0}: {1} services</translation>
    </message>
</context>
<context>
    <name>GuidePage</name>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guides.py" line="220" />
        <source>本指南的二维码</source>
        <translation>QR code of this guide</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guides.py" line="221" />
        <source>用手机扫一扫，把指南带回家</source>
        <translation>Scan with your phone to take this guide home</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guides.py" line="223" />
        <source>朗读指南</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guides.py" line="225" />
        <source>停止朗读</source>
        <translation>Stop reading</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guides.py" line="228" />
        <source>打印本指南</source>
        <translation>Print this guide</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guides.py" line="295" />
        <source>这台终端没有安装朗读功能（语音引擎），请找工作人员帮忙。</source>
        <translation>This terminal has no speech engine installed. Please ask the staff for help.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guides.py" line="302" />
        <source>正在朗读……点“停止朗读”可以随时停下。</source>
        <translation>Reading aloud… Tap “Stop reading” at any time.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guides.py" line="322" />
        <source>正在打印，请稍等……</source>
        <translation>Printing, please wait…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guides.py" line="340" />
        <source>已打印，请在打印机出口取走。</source>
        <translation>Printed. Please take the paper from the printer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guides.py" line="346" />
        <source>打印机没有准备好，没能打印。请找工作人员帮忙。</source>
        <translation>The printer is not ready, nothing was printed. Please ask the staff for help.</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/home.py" line="21" />
        <source>村（社区）自助服务</source>
        <translation>Village self-service</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/home.py" line="23" />
        <source>请点一下您要办的事</source>
        <translation>Tap what you would like to do</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/home.py" line="28" />
        <source>查办事指南</source>
        <translation>Guides</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/home.py" line="29" />
        <source>搜索事项</source>
        <translation>Search items</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/home.py" line="30" />
        <source>查办件进度</source>
        <translation>My case</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/home.py" line="31" />
        <source>评价服务</source>
        <translation>Rate us</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/home.py" line="32" />
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/home.py" line="34" />
        <source>按人生事件或主题查找办事指南</source>
        <translation>Find service guides by life event or theme</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/home.py" line="35" />
        <source>用拼音或首字母搜索事项</source>
        <translation>Search services with pinyin or initials</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/home.py" line="36" />
        <source>用回执上的办件编号和查询码查进度</source>
        <translation>Check progress with the case number and query code on your receipt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/home.py" line="37" />
        <source>给办过的事打分（好差评）</source>
        <translation>Rate a service you used</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/home.py" line="38" />
        <source>打印办事指南或办件进度</source>
        <translation>Print a service guide or your case progress</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/home.py" line="48" />
        <source>文字大小：</source>
        <translation>Text size:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/home.py" line="49" />
        <source>标准</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/home.py" line="49" />
        <source>大</source>
        <translation>Large</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/home.py" line="49" />
        <source>特大</source>
        <translation>Extra large</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/home.py" line="58" />
        <source>文字大小：{0}</source>
        <translation>Text size: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/home.py" line="65" />
        <source>高对比度</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/home.py" line="92" />
        <source>需要帮助请找村代办员。为保护您的隐私，{0} 秒无人操作会自动清除并回到首页。</source>
        <translation>Need help? Ask the village agent. To protect your privacy, the screen is cleared after {0} seconds without use.</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/idle.py" line="117" />
        <location filename="../../kiosk/ui/kiosk_mode/idle.py" line="119" />
        <source>我还在用，继续</source>
        <translation>I am still here</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/idle.py" line="135" />
        <source>很久没有操作了。为保护您的隐私，{0} 秒后将清除本页内容并回到首页。</source>
        <translation>No one has touched the screen for a while. To protect your privacy, it will be cleared in {0} seconds.</translation>
    </message>
</context>
<context>
    <name>ItemPicker</name>
    <message>
        <location filename="../../kiosk/ui/item_picker.py" line="40" />
        <source>按主题或人生事项浏览</source>
        <translation>Browse by theme or life event</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/item_picker.py" line="41" />
        <source>全部事项</source>
        <translation>All services</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/item_picker.py" line="43" />
        <source>本代办点可受理的事项</source>
        <translation>Items this point accepts</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/item_picker.py" line="48" />
        <source>人生事项 › </source>
        <translation>Life events › </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/item_picker.py" line="52" />
        <source>搜索事项：汉字、拼音或首字母</source>
        <translation>Search items: Chinese, pinyin or initials</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/item_picker.py" line="53" />
        <source>搜索事项</source>
        <translation>Search items</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/item_picker.py" line="62" />
        <source>事项列表</source>
        <translation>Service items</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/item_picker.py" line="68" />
        <source>选择办理事项</source>
        <translation>Choose the service item</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/item_picker.py" line="135" />
        <source>找到 {0} 个事项</source>
        <translation>{0} items found</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/item_picker.py" line="137" />
        <source>没有找到，换个说法试试（如“低保”“养老”“残疾证”）</source>
        <translation>Nothing found; try other words (e.g. “低保”, “养老”, “残疾证”)</translation>
    </message>
</context>
<context>
    <name>KioskGuide</name>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="18" />
        <source>基本信息</source>
        <translation>Basics</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="19" />
        <source>谁可以办（受理条件）</source>
        <translation>Who can apply (conditions)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="20" />
        <source>要带的材料（材料清单）</source>
        <translation>What to bring (checklist)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="21" />
        <source>怎么办（办理流程）</source>
        <translation>How it works (steps)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="22" />
        <source>去哪里办</source>
        <translation>Where to go</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="23" />
        <source>设定依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="25" />
        <source>办理部门：{0}</source>
        <translation>Handled by: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="26" />
        <source>承诺时限：{0} 个工作日</source>
        <translation>Promised time: {0} working days</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="27" />
        <source>承诺时限：当场办结</source>
        <translation>Promised time: done on the spot</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="28" />
        <source>收费：{0}</source>
        <translation>Fee: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="29" />
        <source>收费：不收费</source>
        <translation>Fee: free of charge</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="30" />
        <source>可以请村代办员代办</source>
        <translation>The village agent can apply for you</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="31" />
        <source>办好后：{0}</source>
        <translation>When done: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="32" />
        <source>地点：{0}</source>
        <translation>Place: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="33" />
        <source>时间：{0}</source>
        <translation>Hours: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="34" />
        <source>咨询电话：{0}</source>
        <translation>Phone: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="35" />
        <source>{0}（{1} {2} 份）</source>
        <translation>{0} ({1}, {2} copies)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="36" />
        <source>必须</source>
        <translation>required</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="37" />
        <source>如有</source>
        <translation>if you have it</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="38" />
        <source>不需要带材料</source>
        <translation>Nothing to bring</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="39" />
        <source>第 {0} 步：{1}</source>
        <translation>Step {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="40" />
        <source>办事指南：{0}</source>
        <translation>Service guide: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="41" />
        <source>材料：{0}</source>
        <translation>Bring: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="42" />
        <source>等</source>
        <translation> and more</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="43" />
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guide_text.py" line="44" />
        <source>本指南由自助终端打印，以办理窗口最新要求为准。</source>
        <translation>Printed at the self-service terminal; the service counter's current requirements prevail.</translation>
    </message>
</context>
<context>
    <name>KioskItems</name>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guides.py" line="68" />
        <source>{0} 个工作日办好</source>
        <translation>done in {0} working days</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/guides.py" line="72" />
        <source>当场办好</source>
        <translation>done on the spot</translation>
    </message>
</context>
<context>
    <name>KioskShell</name>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/shell.py" line="86" />
        <source>村（社区）自助服务终端</source>
        <translation>Village self-service terminal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/shell.py" line="145" />
        <source>首页</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/shell.py" line="148" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/shell.py" line="280" />
        <source>查办事指南</source>
        <translation>Guides</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/shell.py" line="282" />
        <source>搜索事项</source>
        <translation>Search items</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/shell.py" line="286" />
        <location filename="../../kiosk/ui/kiosk_mode/shell.py" line="300" />
        <source>评价服务</source>
        <translation>Rate us</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/shell.py" line="286" />
        <source>查办件进度</source>
        <translation>My case</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/shell.py" line="290" />
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/shell.py" line="296" />
        <source>办事指南</source>
        <translation>Service guide</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/shell.py" line="435" />
        <source>技术员</source>
        <translation>Technician</translation>
    </message>
</context>
<context>
    <name>KioskWords</name>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="21" />
        <source>代办点已收件，等待报送</source>
        <translation>Received at the village point, waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="22" />
        <source>正在报送</source>
        <translation>Being sent</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="23" />
        <source>已报送到政务服务网，等待受理</source>
        <translation>Sent to the government service network, waiting to be accepted</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="24" />
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="25" />
        <source>需要补充材料，请联系村代办员</source>
        <translation>More documents are needed, please contact the village agent</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="26" />
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="27" />
        <source>不予受理，请联系村代办员了解原因</source>
        <translation>Not accepted, please ask the village agent why</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="28" />
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="33" />
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="34" />
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="35" />
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="36" />
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="37" />
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="42" />
        <source>态度好</source>
        <translation>Friendly</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="43" />
        <source>效率高</source>
        <translation>Quick</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="44" />
        <source>一次办成</source>
        <translation>Done in one visit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="45" />
        <source>态度差</source>
        <translation>Unfriendly</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="46" />
        <source>效率低</source>
        <translation>Slow</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="47" />
        <source>材料多次补充</source>
        <translation>Asked for documents many times</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="48" />
        <source>等待时间长</source>
        <translation>Long wait</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="49" />
        <source>流程不清楚</source>
        <translation>Unclear steps</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="55" />
        <source>养老</source>
        <translation>Old age</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="56" />
        <source>就业</source>
        <translation>Work</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="57" />
        <source>生育</source>
        <translation>Having a baby</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="58" />
        <source>出生</source>
        <translation>Birth</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="59" />
        <source>医疗</source>
        <translation>Health care</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="60" />
        <source>就医</source>
        <translation>Seeing a doctor</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="61" />
        <source>教育</source>
        <translation>Education</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="62" />
        <source>上学</source>
        <translation>Going to school</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="63" />
        <source>住房</source>
        <translation>Housing</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="64" />
        <source>建房</source>
        <translation>Building a house</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="65" />
        <source>婚姻</source>
        <translation>Marriage</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="66" />
        <source>身后事</source>
        <translation>After a death</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="67" />
        <source>残疾</source>
        <translation>Disability</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="68" />
        <source>残疾人</source>
        <translation>People with disabilities</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="69" />
        <source>救助</source>
        <translation>Hardship support</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="70" />
        <source>社会救助</source>
        <translation>Social assistance</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="71" />
        <source>户籍</source>
        <translation>Household registration</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="72" />
        <source>户籍身份</source>
        <translation>Registration and ID</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="73" />
        <source>农业</source>
        <translation>Farming</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="74" />
        <source>务农</source>
        <translation>Farm work</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="75" />
        <source>农业农村</source>
        <translation>Agriculture and rural affairs</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="76" />
        <source>社会保障</source>
        <translation>Social security</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="77" />
        <source>社保</source>
        <translation>Social insurance</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="78" />
        <source>医疗保障</source>
        <translation>Medical insurance</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="79" />
        <source>卫生健康</source>
        <translation>Health</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="80" />
        <source>民政</source>
        <translation>Civil affairs</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="81" />
        <source>退役军人</source>
        <translation>Veterans</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="82" />
        <source>优待抚恤</source>
        <translation>Veterans' benefits</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="83" />
        <source>交通出行</source>
        <translation>Transport</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="84" />
        <source>证明开具</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/words.py" line="85" />
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../kiosk/ui/login.py" line="27" />
        <source>村级代办 · 登录</source>
        <translation>Village Proxy · Log in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/login.py" line="29" />
        <source>村（社区）代办点</source>
        <translation>Village (community) proxy-service point</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/login.py" line="34" />
        <location filename="../../kiosk/ui/login.py" line="48" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/login.py" line="37" />
        <location filename="../../kiosk/ui/login.py" line="49" />
        <source>PIN 码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/login.py" line="43" />
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/login.py" line="59" />
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>LookupPage</name>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="90" />
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="187" />
        <source>请输入回执上的办件编号和查询码，或把回执上的二维码对准扫码器扫一下。</source>
        <translation>Enter the case number and query code from your receipt, or hold the receipt's QR code under the scanner.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="94" />
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="95" />
        <source>办件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="95" />
        <source>回执上的办件编号</source>
        <translation>Case number from the receipt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="96" />
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="97" />
        <source>查询码</source>
        <translation>Query code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="97" />
        <source>回执上的查询码</source>
        <translation>Query code from the receipt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="100" />
        <source>查询</source>
        <translation>Look up</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="109" />
        <source>下一项</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="142" />
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="337" />
        <source>办理经过</source>
        <translation>Progress so far</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="143" />
        <source>评价这件事</source>
        <translation>Rate this case</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="145" />
        <source>打印进度</source>
        <translation>Print progress</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="147" />
        <source>查另一件</source>
        <translation>Another case</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="185" />
        <source>要评价哪件事？请先输入回执上的办件编号和查询码，或扫一下回执上的二维码。</source>
        <translation>Which case would you like to rate? Enter the case number and query code from your receipt, or scan its QR code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="235" />
        <source>请把办件编号和查询码都填上。</source>
        <translation>Please enter both the case number and the query code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="240" />
        <source>正在查询……</source>
        <translation>Looking up…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="256" />
        <source>没有查到。请核对回执上的办件编号和查询码，再试一次。</source>
        <translation>Nothing found. Please check the case number and query code on your receipt and try again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="270" />
        <source>暂时查不了，请稍后再试，或找村代办员帮忙。</source>
        <translation>Looking up is not possible right now. Please try later or ask the village agent.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="278" />
        <source>查询次数太多，请 {0} 秒后再试，或找村代办员帮忙。</source>
        <translation>Too many attempts. Please try again in {0} seconds or ask the village agent.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="291" />
        <source>{0}，预计 {1} 前办结</source>
        <translation>{0}, expected to be done by {1}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="296" />
        <source>M月d日</source>
        <translation>d MMMM</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="300" />
        <source>M月d日 HH:mm</source>
        <translation>d MMM HH:mm</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="305" />
        <source>申请人：{0}</source>
        <translation>Applicant: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="306" />
        <source>办件编号：{0}</source>
        <translation>Case number: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="336" />
        <source>办件进度</source>
        <translation>Case progress</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="351" />
        <source>正在打印，请稍等……</source>
        <translation>Printing, please wait…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="362" />
        <source>已打印，请在打印机出口取走。</source>
        <translation>Printed. Please take the paper from the printer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/lookup.py" line="365" />
        <source>打印机没有准备好，没能打印。请找工作人员帮忙。</source>
        <translation>The printer is not ready, nothing was printed. Please ask the staff for help.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="312" />
        <source>村级代办 Kiosk</source>
        <translation>Village Proxy Kiosk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="317" />
        <source>新建申请</source>
        <translation>New application</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="318" />
        <source>办件队列</source>
        <translation>Case queue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="323" />
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="327" />
        <source>操作</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="336" />
        <source>尚未同步</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="359" />
        <source>已保存：</source>
        <translation>Saved: </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="368" />
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="379" />
        <source>另一个同步正在进行</source>
        <translation>Another sync is running</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="382" />
        <source>离线：{0}（待发送 {1} 件）</source>
        <translation>Offline: {0} ({1} waiting)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="386" />
        <source>已同步：新收件 {0}，状态更新 {1}，待发送 {2}</source>
        <translation>Synced: {0} new cases, {1} status updates, {2} waiting</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="395" />
        <source>同步失败</source>
        <translation>Sync failed</translation>
    </message>
</context>
<context>
    <name>NewApplicationPage</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="88" />
        <source>请先在左侧选择事项</source>
        <translation>Choose a service item on the left first</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="93" />
        <location filename="../../kiosk/ui/main_window.py" line="181" />
        <source>办事指南</source>
        <translation>Service guide</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="101" />
        <source>提交（Ctrl+Enter）</source>
        <translation>Submit (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="106" />
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="173" />
        <source>请居民携带的材料：</source>
        <translation>Materials the resident should bring:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="195" />
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="208" />
        <source>已保存，排队等待发送。本地受理号：</source>
        <translation>Saved and queued for sending. Local reference: </translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/keyboard.py" line="33" />
        <source>屏幕键盘</source>
        <translation>On-screen keyboard</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/keyboard.py" line="81" />
        <location filename="../../kiosk/ui/kiosk_mode/keyboard.py" line="99" />
        <source>⌫ 删除</source>
        <translation>⌫ Delete</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/keyboard.py" line="81" />
        <location filename="../../kiosk/ui/kiosk_mode/keyboard.py" line="99" />
        <source>删除一个字</source>
        <translation>Delete one character</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/keyboard.py" line="83" />
        <source>空格</source>
        <translation>Space</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/keyboard.py" line="85" />
        <location filename="../../kiosk/ui/kiosk_mode/keyboard.py" line="102" />
        <source>全部清除</source>
        <translation>Clear all</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/keyboard.py" line="87" />
        <source>123</source>
        <translation>123</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/keyboard.py" line="87" />
        <source>切换到数字键盘</source>
        <translation>Switch to the number pad</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/keyboard.py" line="104" />
        <source>ABC 字母</source>
        <translation>ABC letters</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/keyboard.py" line="104" />
        <source>切换到字母键盘</source>
        <translation>Switch to letters</translation>
    </message>
</context>
<context>
    <name>PrintMenuPage</name>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/home.py" line="127" />
        <source>打印办事指南</source>
        <translation>Print a guide</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/home.py" line="129" />
        <source>打印办件进度</source>
        <translation>Print case progress</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/home.py" line="134" />
        <source>先找到要打印的指南或办件，再点“打印”按钮。打印好后请在打印机出口取走。</source>
        <translation>First find the guide or case to print, then tap “Print”. Take the paper from the printer.</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="77" />
        <location filename="../../kiosk/ui/print_preview.py" line="93" />
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="81" />
        <location filename="../../kiosk/ui/print_preview.py" line="95" />
        <source>纸张</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="83" />
        <source>A4 纸</source>
        <translation>A4 sheet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="84" />
        <source>80 毫米热敏纸</source>
        <translation>80 mm thermal roll</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="85" />
        <source>58 毫米热敏纸</source>
        <translation>58 mm thermal roll</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="109" />
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="114" />
        <source>打印设置…</source>
        <translation>Printer settings…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="116" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="139" />
        <source>这台电脑上没有可用的打印机。请连接打印机并安装驱动。</source>
        <translation>No printer is installed on this computer. Connect a printer and install its driver.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="154" />
        <source>正在重新排版…</source>
        <translation>Laying out again…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="175" />
        <source>正在发送到打印机…</source>
        <translation>Sending to the printer…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="193" />
        <source>已发送到打印机：</source>
        <translation>Sent to printer: </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/print_preview.py" line="204" />
        <source> 文书仍在此窗口中，处理后可直接重新打印，或改选其他打印机。</source>
        <translation> The document is still here: fix the printer and print again, or choose another printer.</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="241" />
        <source>打印回执</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="244" />
        <source>打印委托书</source>
        <translation>Print authorization</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="249" />
        <source>打印补正告知</source>
        <translation>Print supplement notice</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/search_page.py" line="31" />
        <source>用下面的键盘输入拼音或拼音首字母，例如“养老”可以输入 yanglao 或 yl。</source>
        <translation>Type pinyin or pinyin initials on the keyboard below, e.g. yanglao or yl for 养老 (old age).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/search_page.py" line="35" />
        <source>搜索内容</source>
        <translation>Search text</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/search_page.py" line="35" />
        <source>在这里显示您输入的字母</source>
        <translation>The letters you type appear here</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/search_page.py" line="61" />
        <source>请输入要找的事项</source>
        <translation>Type what you are looking for</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/search_page.py" line="66" />
        <source>没有找到“{0}”。换个说法试试，或回到首页按人生事件查找。</source>
        <translation>Nothing found for “{0}”. Try other words, or browse the guides by life event.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/search_page.py" line="69" />
        <source>找到 {0} 项，点一下看办事指南：</source>
        <translation>Found {0}. Tap one to see its guide:</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../kiosk/ui/signature_pad.py" line="16" />
        <source>签名区域</source>
        <translation>Signature area</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/signature_pad.py" line="74" />
        <source>请申请人在此处签名</source>
        <translation>Applicant, please sign here</translation>
    </message>
</context>
<context>
    <name>TechnicianPage</name>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/technician.py" line="33" />
        <source>技术员退出自助模式</source>
        <translation>Technician: leave self-service mode</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/technician.py" line="34" />
        <source>技术员账号：</source>
        <translation>Technician account:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/technician.py" line="39" />
        <source>技术员 PIN 码</source>
        <translation>Technician PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/technician.py" line="39" />
        <source>PIN 码</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/technician.py" line="45" />
        <source>退出自助模式</source>
        <translation>Leave self-service mode</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/technician.py" line="47" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/technician.py" line="78" />
        <source>读不到账号，请重试。</source>
        <translation>Could not read the accounts, please try again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/technician.py" line="85" />
        <source>技术员 {0}</source>
        <translation>Technician {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/technician.py" line="94" />
        <source>本机还没有技术员账号。请在电脑上用 kiosk agent add 添加技术员账号。</source>
        <translation>There is no technician account on this terminal. Add one with kiosk agent add.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/technician.py" line="109" />
        <source>请选择技术员账号并输入 PIN 码。</source>
        <translation>Choose a technician account and enter the PIN.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/technician.py" line="114" />
        <source>正在验证……</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/technician.py" line="125" />
        <source>只有技术员账号可以退出自助模式。</source>
        <translation>Only a technician account can leave self-service mode.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode/technician.py" line="137" />
        <source>PIN 码不正确，或账号已被锁定。</source>
        <translation>Wrong PIN, or the account is locked.</translation>
    </message>
</context>
<context>
    <name>TownshipPage</name>
    <message>
        <location filename="../../kiosk/ui/township.py" line="93" />
        <source>导入代办点批次…</source>
        <translation>Import village batch…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/township.py" line="95" />
        <source>报送到省级平台</source>
        <translation>Relay to the provincial hub</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/township.py" line="97" />
        <source>导出回传文件到U盘…</source>
        <translation>Export return files to USB…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/township.py" line="123" />
        <source>U盘</source>
        <translation>USB</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/township.py" line="123" />
        <source>联网</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/township.py" line="154" />
        <source>选择代办点批次文件</source>
        <translation>Choose a village batch file</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/township.py" line="156" />
        <source>代办点批次 (*.kbatch)</source>
        <translation>Village batches (*.kbatch)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/township.py" line="162" />
        <source>正在核验并导入批次…</source>
        <translation>Verifying and importing the batch…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/township.py" line="173" />
        <source>已导入代办点 {0} 的 {1} 件申请，等待报送。</source>
        <translation>Imported {1} applications of station {0}; waiting to be relayed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/township.py" line="178" />
        <source>该批次此前已导入过，本次未做任何更改。</source>
        <translation>This batch was imported before; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/township.py" line="181" />
        <source>正在报送到省级平台…</source>
        <translation>Relaying to the provincial hub…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/township.py" line="193" />
        <source>已报送 {0} 个批次。</source>
        <translation>{0} batches relayed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/township.py" line="199" />
        <source>选择U盘上的文件夹</source>
        <translation>Choose a folder on the USB stick</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/township.py" line="205" />
        <source>正在从省级平台获取并导出回传文件…</source>
        <translation>Fetching and exporting return files from the hub…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/township.py" line="217" />
        <source>已导出 {0} 个代办点的回传文件。</source>
        <translation>Return files exported for {0} stations.</translation>
    </message>
</context>
<context>
    <name>WaitingChart</name>
    <message>
        <location filename="../../kiosk/ui/township.py" line="38" />
        <source>各村待报送数量图</source>
        <translation>Waiting applications per village (chart)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/township.py" line="51" />
        <source>暂无代办点数据</source>
        <translation>No village data yet</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../kiosk/ui/app.py" line="72" />
        <source>无法启动</source>
        <translation>Cannot start</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/app.py" line="81" />
        <source>演示账号：{0}　PIN：{1}</source>
        <translation>Demo account: {0}　PIN: {1}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screenshots.py" line="67" />
        <source>演示账号：demo　PIN：123456</source>
        <translation>Demo account: demo　PIN: 123456</translation>
    </message>
</context>
</TS>