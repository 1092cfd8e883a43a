// The 用户协议 and 隐私政策 a citizen accepts on registration. Their versions are recorded with each consent;
// a change of text gets a new version (and a renewed consent on the next login, when the rules require it).
export const TERMS_VERSION = '2026.1';
export const PRIVACY_VERSION = '2026.1';

export interface Agreement {
  title: string;
  version: string;
  sections: { heading: string; paragraphs: string[] }[];
}

export function termsOf(siteName: string): Agreement {
  return {
    title: '用户协议',
    version: TERMS_VERSION,
    sections: [
      {
        heading: '一、账号',
        paragraphs: [
          `本协议是您与${siteName}（以下简称“本网站”）之间关于注册、使用统一公众账号的约定。一个账号可在本网站的留言咨询、建议投诉、在线办事、公众调查、意见征集、依申请公开等全部互动功能中使用（一号登录）。`,
          '您可以使用本人的手机号码或电子邮箱注册，通过验证码确认后设置登录密码。外省市及境外用户均可注册使用。法人或其他组织可注册法人账号。',
          '请妥善保管账号和密码；因您保管不善造成的损失由您自行承担。发现账号被他人使用，请立即修改密码或联系本网站。',
        ],
      },
      {
        heading: '二、使用规范',
        paragraphs: [
          '您应当遵守法律法规，如实提交信息，不得发布违法、侮辱诽谤、侵犯他人权益或与本网站功能无关的内容，不得冒用他人身份。',
          '留言、评论等经本网站审核后公开；含有个人信息的部分将作隐藏处理。对违反本协议的内容，本网站可不予受理、不予公开，并可暂停账号。',
          '信访事项请通过网上信访等专门渠道提交，纪检监察举报请通过纪检监察机关的专门渠道提交。',
        ],
      },
      {
        heading: '三、注销',
        paragraphs: [
          '您可以随时在“用户空间”注销账号。注销后，您的手机号码、电子邮箱、姓名、证件号码等个人信息将被删除，无法恢复；已经公开的留言答复等政务记录按档案管理规定保留，但不再与您的个人信息关联。',
        ],
      },
      {
        heading: '四、其他',
        paragraphs: [
          '本网站可根据法律法规变化修改本协议，修改后的协议将在本页面公布并标注版本；继续使用即视为接受。本协议适用中华人民共和国法律。',
        ],
      },
    ],
  };
}

export function privacyOf(siteName: string): Agreement {
  return {
    title: '隐私政策',
    version: PRIVACY_VERSION,
    sections: [
      {
        heading: '一、我们收集的信息',
        paragraphs: [
          '注册时：手机号码或电子邮箱（用于登录、接收验证码和办理结果通知）、登录密码（仅保存不可逆的摘要）、昵称；法人账号另收集单位名称和统一社会信用代码。',
          '办理具体事项时（如依申请公开、在线办事）：按照法律法规的要求填写的姓名、证件号码、联系方式等。',
          '为保障安全：登录时间、IP 地址、浏览器信息，用于防范冒用和攻击，按网络安全法的要求至少保存六个月。',
        ],
      },
      {
        heading: '二、我们如何保存和保护',
        paragraphs: [
          '手机号码、电子邮箱、姓名、证件号码以国家商用密码算法 SM4 加密保存，密钥与数据分开保管；工作人员查看时只显示部分字符。',
          `全部数据保存在${siteName}的服务器上，不向第三方提供，不用于商业用途；页面不使用第三方统计、广告或验证码服务。`,
        ],
      },
      {
        heading: '三、我们如何使用',
        paragraphs: [
          '用于身份验证、办理您提交的事项、向您发送受理、补正、答复等通知（短信或电子邮件），以及依法进行的统计（不含个人身份信息）。',
          '公开留言答复时，您的姓名、电话、证件号码等将被隐藏。',
        ],
      },
      {
        heading: '四、您的权利',
        paragraphs: [
          '您可以在“用户空间”查看和更正您的账号信息、更换联系方式、修改密码、注销账号。注销后个人信息即被删除。',
          '如有疑问或投诉，可通过网站底部的联系方式与我们联系。',
        ],
      },
    ],
  };
}
