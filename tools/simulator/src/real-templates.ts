/**
 * Real captured bodies, copied verbatim from fixtures/douyu/samples.txt (a test checks
 * that each still appears there). The generator keeps their key order, their fixed fields and
 * their odd corners, and replaces the identifying fields (room, user, text, ids, times).
 */
export const REAL_TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  chatmsg: [
    'type@=chatmsg/rid@=252802/ct@=3/uid@=20001020/nn@=教主的飞机杯/txt@=移动/cid@=91a61e962ac445b7df142b0000000000/ic@=avanew@Sface@S201711@S13@S01@S1fa4fc0f5e596e7eb7fd53281f3b9529/level@=33/sahf@=0/bnn@=/bl@=0/brid@=0/hc@=/el@=/lk@=/',
    'type@=chatmsg/rid@=7750753/uid@=549977/nn@=一闪一闪亮品品/txt@=冷门歌手哎，声音独特哎/cid@=044c3bf3074b483275a44e0000000000/ic@=avatar@Sdefault@S08/level@=29/sahf@=0/nl@=7/cst@=1693107871294/bnn@=/bl@=0/brid@=0/hc@=/lk@=/dms@=8/pdg@=26/pdk@=86/ext@=/',
    'type@=chatmsg/rid@=9999/ct@=2/uid@=16841813/nn@=僵尸王rua/txt@=丐帮每日福利/cid@=2006a18e487a490638fb010000000000/ic@=avatar@S016@S84@S18@S13_avatar/level@=20/sahf@=0/cst@=1542810746690/bnn@=小僵尸/bl@=12/brid@=9999/hc@=8ccfd113d28375263b0964c7221773bf/el@=/lk@=/fl@=12/',
    'type@=chatmsg/rid@=48699/ct@=1/uid@=64233236/nn@=梦卡比之誓言/txt@=为主播点了个赞/cid@=ac0fa61ffb65404691a8050000000000/ic@=avanew@Sface@S201701@S28@S22@Saef13ed5e612d8f13e325074955ff85c/level@=12/sahf@=0/cst@=1598260731363/bnn@=Wx/bl@=7/brid@=16101/hc@=82e926ced615da6a1558d884b43c368f/el@=/lk@=/dat@=16/urlev@=1/dms@=3/pdg@=27/pdk@=9/',
    'type@=chatmsg/rid@=9999/ct@=14/uid@=1707233/nn@=明天你好啊丷/txt@=POM急了 可以等龙骑跳先手的/cid@=d76ff4eed1544366ac965c0000000000/ic@=avatar_v3@S202303@Sa6a8cef5fa924a00bb25fd4e16b1b226/level@=44/sahf@=0/col@=1/cst@=1789539675945/',
    'type@=chatmsg/rid@=12598324/ct@=1/uid@=2566587/nn@=Archy木昜/txt@=糯糯不敢玩龚建？/cid@=c1deae55076248455eaa130000000000/ic@=avatar@S002@S56@S65@S87_avatar/level@=33/sahf@=0/cst@=1785509178266/bnn@=/bl@=0/brid@=0/hc@=/lk@=/dms@=4/pdg@=41/pdk@=88/ext@=/if@=1/',
    'type@=chatmsg/rid@=2020877/ct@=2/uid@=21162702/nn@=豆子丶小粉丝/txt@=[emot:dy118][emot:dy118]/cid@=9f5da093f87c4402d0a6000000000000/ic@=avanew@Sface@S201712@S04@S01@S3d4ff644286c1d79c486244599f011f3/level@=28/sahf@=0/nl@=7/col@=4/dlv@=3/dc@=2/bdlv@=3/bnn@=豆霸霸/bl@=15/brid@=2020877/hc@=fe329c65ab6c55c8c8f38e12bb502a41/hl@=1/ifs@=1/el@=/',
    'type@=chatmsg/rid@=2020877/uid@=9749085/nn@=likaka/txt@=评完可以和小白鸽一起吃鸡/cid@=9f5da093f87c440293ac000000000000/ic@=avanew@Sface@S201612@S18@S20@S1736cb1fbcfa7409a7cd71546e7c710c/level@=8/sahf@=0/bnn@=/bl@=0/brid@=0/hc@=/el@=/',
  ],
  dgb: [
    'type@=dgb/rid@=252802/gfid@=824/gs@=1/uid@=129851912/nn@=晴臣183/ic@=avatar@Sdefault@S12/eid@=0/level@=21/dw@=0/gfcnt@=30/hits@=30/bcnt@=1/bst@=5/ct@=0/el@=eid@AA=1500000113@ASetp@AA=1@ASsc@AA=1@ASef@AA=0@AS@S/cm@=0/bnn@=莉卡/bl@=11/brid@=2971401/hc@=a389dd77fc28612735c07b6ad218e628/sahf@=0/fc@=0/cbid@=87616/gpf@=1/',
    'type@=dgb/rid@=9999/gid@=-9999/gfid@=824/gs@=1/uid@=406114/nn@=M丶不请自来/ic@=avanew@Sface@S201711@S27@S13@S86c5ba1ca9e3f2a3c156f1def567abee/eid@=0/level@=17/dw@=0/gfcnt@=1/hits@=8/bcnt@=8/bst@=1/ct@=0/el@=/cm@=0/bnn@=小僵尸/bl@=6/brid@=9999/hc@=8ccfd113d28375263b0964c7221773bf/sahf@=0/fc@=0/gpf@=1/',
    'type@=dgb/rid@=9999/gid@=-9999/gfid@=192/gs@=1/uid@=16574659/nn@=唯余相思/ic@=avanew@Sface@S201802@S25@S12@Sbc16f34d28234985806b069705bb2d7c/eid@=0/level@=18/dw@=0/gfcnt@=1/hits@=2/bcnt@=2/bst@=1/ct@=0/el@=eid@AA=1500000113@ASetp@AA=1@ASsc@AA=1@ASef@AA=0@AS@S/cm@=0/bnn@=小僵尸/bl@=11/brid@=9999/hc@=8ccfd113d28375263b0964c7221773bf/sahf@=0/fc@=0/gpf@=1/',
    'type@=dgb/rid@=271934/gfid@=519/gs@=2/uid@=58200943/nn@=丿顺其自然丶了/ic@=avatar@Sface@S201607@S21@S0ea652c6e8855bd701eb0f3adb40678e/eid@=0/level@=8/dw@=187375540/hits@=3/ct@=0/cm@=0/bnn@=久哥哥/bl@=6/brid@=271934/hc@=1f9644816bc8fdc6a4b50dd3b2d214c1/sahf@=0/fc@=0/',
    'type@=dgb/rid@=2020877/gfid@=191/gs@=1/uid@=53020866/nn@=豆子赐名的碧瑶你真非/ic@=avanew@Sface@S201710@S25@S18@S52ce8f1e08f9ef33e40c21aab51b2610/eid@=0/level@=50/dw@=91833500/dlv@=3/dc@=71/bdlv@=3/rg@=4/nl@=3/ct@=0/el@=/cm@=0/bnn@=豆霸霸/bl@=26/brid@=2020877/hc@=fe329c65ab6c55c8c8f38e12bb502a41/sahf@=0/fc@=0/',
  ],
  uenter: [
    'type@=uenter/rid@=4835718/uid@=20003668/nn@=须予银鞍绣毂迎倾心人/level@=39/rg@=4/ic@=avatar_v3@S201807@S79596c14f4a7b4dd245d7a0a33f63ca5/nl@=3/rni@=0/el@=eid@AA=1500000113@ASetp@AA=1@ASsc@AA=1@ASef@AA=0@AS@S/sahf@=0/wgei@=0/cbid@=11011/fl@=18/',
    'type@=uenter/rid@=291514/uid@=5990581/nn@=木亦哥哥/level@=45/ic@=avanew@Sface@S201704@S08@S02@S40b2d71d6918cdfc6fbe17c89362903b/rni@=0/el@=/sahf@=0/wgei@=0/',
    'type@=uenter/rid@=109064/uid@=218448281/nn@=卖血哥的小脑阔/level@=10/ic@=avatar_v3@S201809@Sba4ff2018c66db21de0aec74e78dc8e2/nl@=7/rni@=0/el@=/sahf@=0/wgei@=0/fl@=7/',
    'type@=uenter/rid@=9999/uid@=2030095/nn@=黄金狮子/level@=39/sahf@=0/fl@=24/bl@=24/brid@=9999/if@=1/',
    'type@=uenter/rid@=2020877/uid@=32629005/nn@=那就做你的萤火虫/level@=25/ic@=avanew@Sface@S201707@S21@S22@S60d22d5da86d6f35e6f6949a259200a0/rni@=0/el@=/sahf@=0/wgei@=0/',
  ],
  synexp: [
    'type@=synexp/o_exp@=14053053060/o_lev@=91/o_minexp@=13954500000/o_upexp@=801446940/rid@=2020877/',
  ],
  anbc: [
    'type@=anbc/rid@=0/gid@=0/bt@=1/uid@=420070299/hrp@=1/unk@=王嘉尔一个人/uic@=avatar_v3@S202112@Sa60b00aa5e5845878ae43ff8299122bf/drid@=7034970/donk@=野鸡娘娘/nl@=4/ts@=1641350115/fov@=1/',
    'type@=anbc/rid@=2020877/gid@=0/bt@=2/uid@=76717375/hrp@=0/unk@=大头丿脑壳医生/uic@=avanew@Sface@S201710@S26@S20@S12b3971ace4dea6f7794cd6fb21e3ce4/drid@=2020877/donk@=纳豆nado/nl@=7/ts@=1513606551/',
  ],
  spbc: [
    'type@=spbc/sn@=俊家丶丶駟/dn@=小俊蜀黍/gn@=火箭/gc@=1/drid@=4895778/gs@=5/gb@=1/es@=1/gfid@=196/eid@=143/bgl@=3/ifs@=0/rid@=-1003548456/gid@=32609/bid@=1002012_1546520793_9382/sid@=194394756/cl2@=0/eic@=0/bbi@=0/',
    'type@=spbc/sn@=大大棒棒歌/dn@=White55开解说/gn@=火箭/gc@=1/drid@=138286/gs@=6/gb@=1/es@=1/gfid@=196/eid@=143/bgl@=3/ifs@=0/rid@=291514/gid@=0/bid@=30002_1497455820_33/sid@=73345180/cl2@=0/',
    'type@=spbc/sn@=国服第一搬砖哥/dn@=雪傲娇丶/gn@=火箭/gc@=1/drid@=3416569/gs@=5/gb@=0/es@=1/gfid@=196/eid@=143/bgl@=3/ifs@=0/rid@=2020877/gid@=0/bid@=30088_1513584681_1543/sid@=58570383/cl2@=0/',
  ],
  blab: [
    'type@=blab/uid@=377858580/nn@=Heroes728/lbl@=13/bl@=14/ba@=1/bnn@=教主丶/diaf@=0/rid@=312212/',
    'type@=blab/uid@=178767330/nn@=喜欢纳豆的小女孩/lbl@=7/bl@=8/ba@=1/bnn@=豆霸霸/rid@=2020877/',
  ],
  upgrade: [
    'type@=upgrade/uid@=34667344/rid@=52/gid@=262/nn@=小不懂之魑魅魍魉/level@=4/',
    'type@=upgrade/uid@=100791633/rid@=2020877/gid@=0/nn@=向来情深奈缘浅/level@=4/ic@=avanew@Sface@S201701@S07@S02@Sc629349b66442e9b18537b4c3c2f4076/sahf@=34580624/',
  ],
  rankup: [
    'type@=rankup/rid@=2020877/gid@=0/drid@=2020877/rt@=0/bt@=1/sz@=3/uid@=164744705/nk@=Koala哥/rkt@=1/rn@=8/flag@=1/',
  ],
  ssd: [
    'type@=ssd/sdid@=20329/content@=哇！这个主播要送粉丝2000块钱！！/rid@=248753/gid@=0/url@=/trid@=5820716/clitp@=7/jmptp@=1/',
    'type@=ssd/sdid@=5713/content@=新游中心每日一款好游戏，复刻FC时代《足球小将》手游，梦回南葛找回童年的大空翼！/rid@=2020877/gid@=0/url@=/trid@=643818/clitp@=7/jmptp@=1/',
  ],
  newblackres: [
    'type@=newblackres/ret@=0/rid@=2020877/gid@=0/otype@=1/sid@=9853292/did@=181267795/snic@=TinyTank丶/dnic@=N3v4z6A6/endtime@=1513694549/',
  ],
  configscreen: [
    'btype@=fansupgradebroadcast/blackCate2s@=/avatar@=/blackUids@=/type@=configscreen/rid@=533813/userName@=命運舵手/anchorName@=TD丶正直博/blackRids@=/gbtemp@=465/nrt@=0/txt2@=/txt3@=/userLevelMin@=0/now@=1641356569850/txt1@=/blackCate1s@=/vsrc@=/otherContent@=41/',
  ],
  rnewbc: [
    'type@=rnewbc/rid@=0/gid@=0/bt@=1/uid@=21586042/unk@=卡卡罗特u丶/uic@=avatar_v3@S202109@Sb2f34417c7f54595b14f8b3ad9243217/drid@=8780046/donk@=妮妮别吃了/nl@=5/',
  ],
  rss: ['type@=rss/rt@=0/rtv@=0/rid@=2020877/gid@=0/ss@=0/code@=1/notify@=0/endtime@=1513609531/'],
  gpbc: [
    'type@=gpbc/cnt@=1/sid@=136205801/did@=15459592/rpt@=0/snk@=豆子的柠檬茶/dnk@=没错是小丝/pnm@=赞/rid@=2020877/',
  ],
  dfrbc: [
    'type@=dfrbc/uid@=26960719/rid@=12598324/nick@=假牙糯/level@=40/fl@=20/bn@=偏心p/mn@=1/cdays@=47/price@=13800/rrid@=12598324/rnick@=糯糯p/eid@=5755/al@=3871@S2.8@S/bet@=1785510609/dfgm@=3/',
  ],
  comm_chatmsg: [
    'vrid@=2013081579710062592/btype@=voiceDanmu/chatmsg@=nn@A=小爷话不多@Slevel@A=21@Stype@A=chatmsg@Srid@A=317422@Sgag@A=0@Suid@A=110510743@Stxt@A=卡着谢这么多遍！架我？@Sadid@A=0@Shidenick@A=0@Snc@A=0@Sic@A=avanew@ASface@AS201702@AS15@AS17@AS89482f952b1be50847c9c6c7c61cbe53@Snl@A=0@Stbid@A=0@Stbl@A=0@Stbvip@A=0@S/range@=2/cprice@=1000/crealPrice@=1000/cmgType@=1/type@=comm_chatmsg/rid@=317422/gbtemp@=2/uid@=110510743/cet@=30/now@=1768791052053/csuperScreen@=0/danmucr@=1/',
  ],
};
